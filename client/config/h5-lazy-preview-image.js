// Built into the h5 app in place of @tarojs/taro-h5's previewImage module (see lazyPreviewImage in
// h5-perf.ts): the real one, which brings the Swiper library with it, loads on the first preview.
export function previewImage(options) {
  return import(/* webpackChunkName: "preview-image" */ '@tarojs/taro-h5/dist/api/media/image/previewImage.js').then(function (m) {
    return m.previewImage(options);
  });
}
