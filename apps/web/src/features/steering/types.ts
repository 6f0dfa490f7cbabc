import type {
  TChangeKind,
  TPackBand,
  TPackChange,
  TPackRiskWithTrend,
  TRiskState,
  TSteeringPack,
} from '@baton/domain';

/** The pack as a screen shows it: the steering.pack answer, or a frozen snapshot (which omits the register). */
export type Pack = Omit<TSteeringPack, 'register'>;
export type PackBand = TPackBand;
export type PackRisk = TPackRiskWithTrend;
export type PackChange = TPackChange;
export type PackChanges = Record<TChangeKind, TPackChange[]>;
export type RiskState = TRiskState;
