/** The one subscribe-message request lives in lib/subscribe (nominations and the plan board share it). */
export { requestSubscribe } from '../../lib/subscribe';
