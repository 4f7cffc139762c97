// Taro's preset for builds; jest (BABEL_ENV/NODE_ENV "test") uses a plain preset set
// because babel-preset-taro pulls in build-only plugins that jsdom tests do not need.
module.exports = (api) => {
  const isTest = api.env('test');
  if (isTest) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    };
  }
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  };
};
