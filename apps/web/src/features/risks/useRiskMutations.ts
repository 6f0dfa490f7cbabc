import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isConflict } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { notify } from './notify';
import type { Risk, RiskListItem, UpdateRiskInput } from './types';

type RiskFields = Omit<UpdateRiskInput, 'programmeId' | 'riskId' | 'version'>;

/**
 * Every field of a stored risk, as an update sends it. Edits send the whole risk, not just the changed
 * fields: risk.update's partial schema (ZRiskFields.partial(), zod 4) fills omitted fields with their
 * defaults, so a partial edit would clear the cause, controls, lots, dates and more.
 */
export function fieldsOfRisk(r: RiskListItem | Risk): RiskFields {
  const level = (a: { consequence: 1 | 2 | 3 | 4 | 5; likelihood: 1 | 2 | 3 | 4 | 5 }) => ({
    consequence: a.consequence,
    likelihood: a.likelihood,
  });
  return {
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    categoryKey: r.categoryKey,
    workstream: r.workstream,
    lotIds: r.lotIds,
    ownerUserId: r.owner?.id ?? null,
    owningOrganisationId: r.owningOrganisation.id,
    affectedOrganisationIds: r.affectedOrganisationIds,
    controls: r.controls,
    gaps: r.gaps,
    status: r.status,
    initial: level(r.initial),
    current: level(r.current),
    target: level(r.target),
    targetDate: r.targetDate,
    proximity: r.proximity,
    escalationTier: r.escalationTier,
  };
}

/** "Someone else changed R-014 while you were editing; the latest is now shown." */
export function conflictMessage(reference: string): string {
  return `Someone else changed ${reference} while you were editing; the latest is now shown. Check it and make your change again.`;
}

/** Everything a risk change can move: lists, heat map, detail, what changed, and the history page. */
export function useRefreshRisks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.risk.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);
}

/**
 * A quick change from the register (status, owner, a re-score). The edit names the version the row was read
 * at; if someone saved first the server refuses with CONFLICT, and the register reloads to show theirs.
 */
export function useQuickRiskUpdate() {
  const trpc = useTRPC();
  const refresh = useRefreshRisks();
  const mutation = useMutation(trpc.risk.update.mutationOptions());
  const save = (risk: RiskListItem, patch: RiskFields, onDone?: () => void) =>
    mutation.mutate(
      {
        ...fieldsOfRisk(risk),
        ...patch,
        programmeId: risk.programmeId,
        riskId: risk.id,
        version: risk.version,
      },
      {
        onSuccess: async (saved) => {
          await refresh();
          onDone?.();
          notify({ color: 'green', title: `${saved.reference} saved`, message: saved.title });
        },
        onError: async (error) => {
          await refresh();
          onDone?.();
          const conflict = isConflict(error);
          notify({
            color: conflict ? 'orange' : 'red',
            title: conflict ? `${risk.reference} changed` : `${risk.reference} not saved`,
            message: conflict ? conflictMessage(risk.reference) : errorMessage(error),
            autoClose: conflict ? false : 8000,
          });
        },
      },
    );
  return { save, isPending: mutation.isPending, pendingRiskId: mutation.variables?.riskId };
}
