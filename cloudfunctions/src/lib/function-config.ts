/**
 * What a deployed function declares about itself, next to its entry (function.config.ts).
 * The build turns it into the function's config.json, the file WeChat's tools read to grant
 * open-API permissions (cloud.openapi.*) and set triggers.
 */
export interface FunctionConfig {
  /** Open APIs the function calls through cloud.openapi, e.g. 'security.msgSecCheck'. */
  openapi: string[];
  /** Timer triggers (cron in WeChat's 7-field form). */
  triggers?: { name: string; type: 'timer'; config: string }[];
  /** Time limit per call in seconds (WeChat's default is 3; slow outbound HTTPS work needs more). */
  timeout?: number;
  /**
   * Environment variables the function cannot work without in production (no usable default):
   * deploy refuses to apply until the deployer's local file gives each one a value.
   */
  env?: string[];
}

export function defineFunction(config: FunctionConfig): FunctionConfig {
  for (const api of config.openapi) {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(api)) throw new Error(`openapi permission ${JSON.stringify(api)} is not of the form module.method`);
  }
  for (const name of config.env ?? []) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`environment variable ${JSON.stringify(name)} is not a letter followed by letters, digits or _`);
  }
  return config;
}
