/**
 * The weapp build's text follows the reader's WeChat font size (client/config/weapp-font-scale.ts):
 * each page opens with page-meta root-font-size="system" and text sizes are in rem. The built
 * output is checked by test/weapp/compile-check.ts; these pin the two transforms.
 */
import postcss from 'postcss';
import { pagesOf, textSizesInRem, withSystemRootFont } from '../../client/config/weapp-font-scale';

const run = (css: string) => postcss([textSizesInRem()]).process(css, { from: undefined }).css;

describe('text sizes in the weapp build', () => {
  it('turn rpx font sizes into rem: 32rpx (16 px on a 375 px phone) is 1rem, WeChat\'s standard size', () => {
    expect(run('.a{font-size:32rpx}')).toBe('.a{font-size:1rem}');
    expect(run('.b{font-size:26rpx!important;color:red}')).toBe('.b{font-size:0.8125rem!important;color:red}');
    expect(run('@media (min-width:768px){.c{font-size:24rpx}}')).toBe('@media (min-width:768px){.c{font-size:0.75rem}}');
  });

  it('turn a px leading into a ratio of the same rule\'s font size, so lines open up with the text', () => {
    expect(run('.a{font-size:26rpx;line-height:36rpx}')).toBe('.a{font-size:0.8125rem;line-height:1.3846}');
  });

  it('leave a line height that centres a label in a fixed box, and every box size, in rpx', () => {
    expect(run('.btn{height:88rpx;font-size:30rpx;line-height:88rpx;padding:0 24rpx}')).toBe('.btn{height:88rpx;font-size:0.9375rem;line-height:88rpx;padding:0 24rpx}');
    expect(run('.x{line-height:36rpx;width:100rpx}')).toBe('.x{line-height:36rpx;width:100rpx}');
    expect(run('.y{font-size:inherit;line-height:1.6}')).toBe('.y{font-size:inherit;line-height:1.6}');
  });
});

describe('page-meta on every page', () => {
  it('comes right after the template imports, as the page\'s first node, once', () => {
    const page = '<import src="../../base.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />';
    const out = withSystemRootFont(page);
    expect(out).toBe('<import src="../../base.wxml"/>\n<page-meta root-font-size="system"></page-meta>\n<template is="taro_tmpl" data="{{root:root}}" />');
    expect(withSystemRootFont(out)).toBe(out);
  });

  it('lists the pages of the main package and of every subpackage', () => {
    expect(pagesOf({ pages: ['pages/feed/index'], subPackages: [{ root: 'pages-staff/', pages: ['home/index'] }] })).toEqual(['pages/feed/index', 'pages-staff/home/index']);
  });
});
