/**
 * Picture puts its alt text where each build reads it: on h5 the <img>'s alt (through Taro's
 * imgProps) and no aria-label (it would land on Taro's wrapper div); on weapp the native image's
 * aria-label, none for a decorative picture. process.env.TARO_ENV is a build-time constant;
 * Picture reads it when it renders, so a test can play either build.
 */
import { render } from '@testing-library/react';
import { Picture } from '../../client/src/components/picture';

describe('Picture', () => {
  it('on h5 names the <img> by its alt, with no aria-label', () => {
    const { getByRole } = render(<Picture className='x' src='https://img.local/a.jpg' mode='aspectFill' alt='专题封面' />);
    const img = getByRole('img', { name: '专题封面' });
    expect(img).toHaveAttribute('alt', '专题封面');
    expect(img).not.toHaveAttribute('aria-label');
  });

  it('on h5 marks a decorative picture alt="" so screen readers skip it', () => {
    const { container, queryByRole } = render(<Picture src='https://img.local/a.jpg' alt='' />);
    expect(container.querySelector('img')).toHaveAttribute('alt', '');
    expect(queryByRole('img')).toBeNull();
  });

  describe('on weapp', () => {
    const env = process.env.TARO_ENV;
    beforeEach(() => (process.env.TARO_ENV = 'weapp'));
    afterEach(() => (process.env.TARO_ENV = env));

    it('labels the image for WeChat’s screen reader, and leaves a decorative one unlabelled', () => {
      const { container } = render(
        <>
          <Picture className='named' src='https://img.local/a.jpg' alt='专题封面' />
          <Picture className='decorative' src='https://img.local/b.jpg' alt='' />
        </>,
      );
      expect(container.querySelector('.named')).toHaveAttribute('aria-label', '专题封面');
      expect(container.querySelector('.decorative')).not.toHaveAttribute('aria-label');
    });
  });
});
