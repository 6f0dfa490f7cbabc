import { z } from 'zod';
import { WORKSTREAMS } from './workstreams';

export const ZWorkstream = z.enum(WORKSTREAMS);
