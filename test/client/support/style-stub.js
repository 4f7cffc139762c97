// Stylesheets have no behaviour to test in jsdom.
module.exports = {};
