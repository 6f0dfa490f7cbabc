export { notify } from '../../lib/notify';
