/*
 * Microsoft Project XML (MSPDI) numbers Baton reads and writes. Custom fields carry what Project has no
 * field for; Project, ProjectLibre and MPXJ keep them through a save.
 */

/** Custom task fields (ExtendedAttribute FieldID), and the names Baton gives them in Project. */
export const MSPDI_FIELDS = {
  kind: { fieldId: '188743731', fieldName: 'Text1', alias: 'Baton kind' },
  status: { fieldId: '188743734', fieldName: 'Text2', alias: 'Baton status' },
  workstream: { fieldId: '188743737', fieldName: 'Text3', alias: 'Baton workstream' },
  conditionPrecedent: { fieldId: '188743752', fieldName: 'Flag1', alias: 'Condition precedent' },
} as const;

/** PredecessorLink Type: 0 finish-to-finish, 1 finish-to-start, 2 start-to-finish, 3 start-to-start. */
export const MSPDI_LINK_TYPE = { FF: 0, FS: 1, SF: 2, SS: 3 } as const;

/** LagFormat: which unit the lag was entered in; "elapsed" units count every hour, not working hours. */
export const LAG_FORMAT = {
  minutes: 3,
  elapsedMinutes: 4,
  hours: 5,
  elapsedHours: 6,
  days: 7,
  elapsedDays: 8,
  weeks: 9,
  elapsedWeeks: 10,
  months: 11,
  elapsedMonths: 12,
  percent: 19,
  elapsedPercent: 20,
} as const;

export const ELAPSED_LAG_FORMATS: ReadonlySet<number> = new Set([4, 6, 8, 10, 12]);

/** Constraint type 4: start no earlier than. Keeps Baton's planned start when Project reschedules. */
export const START_NO_EARLIER_THAN = 4;
