import { NotFoundError, ForbiddenError, type TDocumentParent } from '@baton/domain';
import { findDocument, findGatewayEvidence, type Executor, type TDocumentRow } from '@baton/db';
import type { TMember } from '../../access/membership';
import { isRequesterSide, isResponderSide, visibleRequest } from '../due-diligence/due-diligence.access';
import { runsGateways, seesPanelWork, visibleGateway } from '../gateway/gateway.access';

/*
 * A document is seen by whoever may see what it is attached to (the same visibility rules: a bidder sees a due
 * diligence request's documents only once the request is released to every bidder). Files are added by the
 * two sides of the request until it is released; a released answer is final for every bidder alike.
 */

export const DOCUMENT_NOT_FOUND = 'That document does not exist, or is not visible to you.';

export async function parentFor(db: Executor, m: TMember, parentType: TDocumentParent, parentId: string) {
  if (parentType === 'gateway_evidence') return evidenceParent(db, m, parentId);
  if (parentType !== 'dd_request') throw new NotFoundError(DOCUMENT_NOT_FOUND);
  const request = await visibleRequest(db, m, parentId);
  const sides = isRequesterSide(m, request) || isResponderSide(m, request);
  return {
    organisationIds: [request.requestingOrganisation.id, request.respondingOrganisation.id],
    label: `DDR-${String(request.number).padStart(3, '0')}`,
    attachRefusal: !sides
      ? `Only ${request.requestingOrganisation.name} and ${request.respondingOrganisation.name} add files to this request.`
      : request.releasedAt
        ? 'This answer has been released to bidders: it is final. Ask a new request for anything more.'
        : request.status === 'withdrawn'
          ? 'This request was withdrawn.'
          : null,
  };
}

/** A gateway's evidence files: the panel's side only (never the organisation assessed); added until decided. */
async function evidenceParent(db: Executor, m: TMember, evidenceId: string) {
  const e = await findGatewayEvidence(db, evidenceId);
  if (!e) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  const g = await visibleGateway(db, m, e.gatewayId).catch(() => null);
  if (!g || !seesPanelWork(m, g)) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  return {
    organisationIds: [] as string[],
    label: `Evidence for ${g.name}`,
    attachRefusal: !runsGateways(m)
      ? 'Only the steering group running the gateway adds evidence files.'
      : g.status === 'decided'
        ? 'This gateway is decided: its evidence log is final.'
        : null,
  };
}

export async function visibleDocument(db: Executor, m: TMember, documentId: string) {
  const d = await findDocument(db, m.programmeId, documentId);
  if (!d) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  try {
    const parent = await parentFor(db, m, d.parentType, d.parentId);
    return { document: d, parent };
  } catch (e) {
    if (e instanceof NotFoundError) throw new NotFoundError(DOCUMENT_NOT_FOUND);
    throw e;
  }
}

export function assertMayAttach(parent: { attachRefusal: string | null }) {
  if (parent.attachRefusal) throw new ForbiddenError(parent.attachRefusal);
}

/** What a reader is shown of a document: people only to those who see every organisation. */
export function presentDocument(m: TMember, d: TDocumentRow) {
  const insider = m.visibility.kind === 'all';
  return {
    id: d.id,
    title: d.title,
    organisation: d.organisation,
    latestVersion: d.latestVersion,
    version: d.version,
    versions: d.versions.map((v) => ({
      versionNumber: v.versionNumber,
      fileName: v.fileName,
      mediaType: v.mediaType,
      sizeBytes: v.sizeBytes,
      sha256: v.sha256,
      scanStatus: v.scanStatus,
      note: v.note,
      uploadedBy: insider ? v.uploadedBy : null,
      uploadedAt: v.uploadedAt,
    })),
  };
}
