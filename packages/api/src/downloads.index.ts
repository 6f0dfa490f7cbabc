import type { TDownload } from './downloads';
import { meetingFiles } from './features/meeting/meeting.files';
import { planIoFiles } from './features/plan-io/plan-io.files';
import { programmeFiles } from './features/programme/programme.files';
import { raidFiles } from './features/raid/raid.files';
import { documentFiles } from './features/document/document.files';
import { riskFiles } from './features/risk/risk.files';
import { steeringFiles } from './features/steering/steering.files';
import { transitionFiles } from './features/transition/transition.files';

/** Every file download the server serves: the server registers these, the access test walks these. */
export const downloads: readonly TDownload[] = [
  ...riskFiles,
  ...raidFiles,
  ...documentFiles,
  ...steeringFiles,
  ...meetingFiles,
  ...transitionFiles,
  ...planIoFiles,
  ...programmeFiles,
];
