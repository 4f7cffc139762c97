/**
 * jsdom with the process's time zone set to the file's `@jest-environment-options {"timeZone": …}`
 * (a phone or PC set to another zone than China's), restored when the file is done: jest runs
 * several test files in one worker, and Node reads TZ process-wide. Node re-reads the zone when
 * process.env.TZ is assigned, so it must be set here, outside the test's sandbox, whose
 * process.env is a copy.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class ZoneEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.savedTz = process.env.TZ;
    const zone = config.projectConfig.testEnvironmentOptions.timeZone;
    if (typeof zone !== 'string') throw new Error('zone-environment needs @jest-environment-options {"timeZone": "Area/City"}');
    process.env.TZ = zone;
  }

  async teardown() {
    if (this.savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = this.savedTz;
    await super.teardown();
  }
}

module.exports = ZoneEnvironment;
