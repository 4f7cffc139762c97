import { act, render, screen } from '@testing-library/react';
import { usePainted } from '../../client/src/lib/use-painted';

function Probe({ id }: { id: string | null }) {
  const painted = usePainted(id);
  return <span data-testid='probe'>{painted ? `below the fold of ${id}` : 'first paint only'}</span>;
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** One frame, then the timer set inside it. */
function paintOneFrame(): void {
  act(() => {
    jest.advanceTimersByTime(20);
  });
}

describe('usePainted', () => {
  it('is false while loading and on the first render of what loaded, true after a frame, and starts over for a new key', () => {
    const { rerender } = render(<Probe id={null} />);
    paintOneFrame();
    expect(screen.getByTestId('probe')).toHaveTextContent('first paint only');

    rerender(<Probe id='s1' />);
    expect(screen.getByTestId('probe')).toHaveTextContent('first paint only');
    paintOneFrame();
    expect(screen.getByTestId('probe')).toHaveTextContent('below the fold of s1');

    rerender(<Probe id='s2' />);
    expect(screen.getByTestId('probe')).toHaveTextContent('first paint only');
    paintOneFrame();
    expect(screen.getByTestId('probe')).toHaveTextContent('below the fold of s2');
  });

  it('does nothing after the page is gone', () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { unmount } = render(<Probe id='s1' />);
    unmount();
    paintOneFrame();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
