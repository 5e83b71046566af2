import type { DemoCitizen } from './demo-citizens';
import type { DemoProcedure } from './demo-data';

/**
 * A valid SubmitDossierInput for a demo procedure (its required components, with made-up file
 * facts) and a demo citizen as applicant: for tests, benchmarks and trying the hub out.
 */
export function demoSubmission(
  p: DemoProcedure,
  agencyCode: string,
  c: DemoCitizen,
  opts: { key?: string; channel?: 'ONLINE' | 'COUNTER' | 'POSTAL'; identityNumber?: string } = {},
) {
  return {
    procedureCode: p.code,
    agencyCode,
    channel: opts.channel ?? 'ONLINE',
    applicant: { kind: 'CITIZEN', fullName: c.fullName, identityNumber: opts.identityNumber ?? c.identityNumber, birthDate: c.birthDate, phone: '0912345678' },
    components: p.components
      .filter((s) => s.required)
      .map((s, i) => ({
        componentCode: s.code,
        fileName: `${s.code}.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: 1000 + i,
        sha256: 'a'.repeat(63) + String(i % 10),
        url: `https://files.example.gov.vn/${s.code}.pdf`,
      })),
    idempotencyKey: opts.key,
  };
}
