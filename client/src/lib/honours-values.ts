/**
 * Runtime values of the honours wall's contract (types/honours.ts), for the pages-honours
 * subpackage. Kept apart from lib/contract-values so that only the subpackage imports them and
 * the bundler leaves them out of the main package.
 */
export { HONOUR_BAND_LABEL, PLACEMENT_LEVEL_LABEL } from '../../../types/honours';
