#!/usr/bin/env node
// npm run demo: walks one dossier through the whole process against a running hub (npm start in
// another terminal), printing each step. Plain JavaScript: no compile step.
//
//   upload the papers (citizen) → submit → receive (reception) → ask for one paper again →
//   upload it and supplement → request payment → pay at the payment simulator (/_sim/pay) →
//   submit for approval → approve → upload and issue the result (clerk) → deliver → evaluate →
//   the result in the citizen's store (myDocuments)
//
// HUB_URL (default http://localhost:4000) and the secret the hub verifies tokens with
// (AUTH_JWT_SECRET, or the built-in development secret) are read from the environment.
import { devSecret, signDevToken } from './dev-token.mjs';
import { samplePdf as pdf, uploadFile } from './upload-file.mjs';

const HUB_URL = (process.env.HUB_URL ?? 'http://localhost:4000').replace(/\/+$/, '');
/** Cấp Phiếu lý lịch tư pháp (200,000 VND) at the Department of Justice, for Nguyễn Văn An. */
const PROCEDURE = process.env.DEMO_PROCEDURE ?? '2.000488.000.00.00.H22';
const AGENCY = process.env.DEMO_AGENCY ?? '000.00.15.H22';
const CITIZEN = { identityNumber: '002085816844', fullName: 'Nguyễn Văn An', birthDate: '1985-03-12', phone: '0912345678' };

const DOSSIER = 'code status version dueAt outstandingFees';

class DemoError extends Error {}

/** A file uploaded to the running hub (createUpload + PUT): its fileId. */
async function upload(token, fileName, bytes) {
  try {
    return await uploadFile({ hubUrl: HUB_URL, token, fileName, mimeType: 'application/pdf', bytes, language: process.env.DEMO_LANG });
  } catch (e) {
    throw new DemoError(e.message);
  }
}

async function gql(query, variables, token) {
  let res;
  try {
    res = await fetch(`${HUB_URL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': process.env.DEMO_LANG ?? 'vi', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new DemoError(`the hub does not answer at ${HUB_URL} (${e.cause?.code ?? e.message}): start it with npm start, or set HUB_URL`);
  }
  const body = await res.json().catch(() => null);
  if (!body || body.errors?.length) {
    const err = body?.errors?.[0];
    throw new DemoError(err ? `${err.extensions?.code}: ${err.message}` : `HTTP ${res.status} without a GraphQL answer`);
  }
  return body.data;
}

let n = 0;
function step(what, d) {
  n += 1;
  const due = d.dueAt ? `  hẹn trả ${d.dueAt}` : '';
  const fees = d.outstandingFees ? `  còn phải nộp ${d.outstandingFees.toLocaleString('vi')} đ` : '';
  console.log(`${String(n).padStart(2)}. ${what.padEnd(34)} ${d.code}  ${d.status}${due}${fees}`);
}

const TRANSITION = `mutation($input: TransitionDossierInput!) { transitionDossier(input: $input) { dossier { ${DOSSIER} } } }`;
async function act(token, d, action, more = {}) {
  const r = await gql(TRANSITION, { input: { code: d.code, action, expectedVersion: d.version, ...more } }, token);
  return r.transitionDossier.dossier;
}

async function main() {
  const secret = devSecret();
  if (!secret) throw new DemoError('AUTH_JWKS_URL is set and AUTH_JWT_SECRET is not: the demo cannot sign its tokens');
  const staff = (role) => signDevToken(secret, { sub: `demo-${role.toLowerCase()}`, roles: [role], agencies: [AGENCY] });
  const citizen = await signDevToken(secret, { sub: 'demo-citizen-an', roles: ['CITIZEN'], idn: CITIZEN.identityNumber });
  const [reception, specialist, leader, clerk] = await Promise.all(['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK'].map(staff));

  const { procedure } = await gql(`query($code: String!) { procedure(code: $code) { code name fees { amount } components { code required } } }`, { code: PROCEDURE });
  if (!procedure) throw new DemoError(`no procedure ${PROCEDURE} in the hub's catalogue (was the demo catalogue loaded? SEED_DEMO)`);
  console.log(`dvc-hub demo at ${HUB_URL}: ${procedure.name} (${procedure.code}) for ${CITIZEN.fullName} (${CITIZEN.identityNumber}) at ${AGENCY}\n`);

  const papers = procedure.components.filter((c) => c.required);
  const components = [];
  for (const c of papers) components.push({ componentCode: c.code, fileId: await upload(citizen, `${c.code} - Nguyễn Văn An.pdf`, pdf(`${c.code} ${CITIZEN.fullName.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}`)) });
  console.log(`    tải lên ${components.length} tệp (createUpload + PUT)`);
  const input = {
    procedureCode: procedure.code,
    agencyCode: AGENCY,
    applicant: { kind: 'CITIZEN', ...CITIZEN },
    components,
    idempotencyKey: `demo-${Date.now()}`,
  };
  let d = (await gql(`mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { dossier { ${DOSSIER} } } }`, { input }, citizen)).submitDossier.dossier;
  step('nộp hồ sơ (công dân)', d);
  d = await act(reception, d, 'RECEIVE');
  step('tiếp nhận (một cửa)', d);
  const asked = papers[0].code;
  d = await act(reception, d, 'REQUEST_SUPPLEMENT', { note: 'Bản chụp chưa rõ, đề nghị tải lại', components: [{ componentCode: asked }] });
  step(`yêu cầu bổ sung ${asked}`, d);
  const again = await upload(citizen, `${asked} - bản rõ.pdf`, pdf(`${asked} (ban ro)`));
  d = await act(citizen, d, 'SUPPLEMENT', { components: [{ componentCode: asked, fileId: again }] });
  step('bổ sung hồ sơ (công dân)', d);
  d = await act(reception, d, 'REQUEST_PAYMENT');
  step('yêu cầu nộp phí', d);

  const { payment } = (await gql(
    `mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { reference amount status paymentUrl } } }`,
    { input: { dossierCode: d.code, idempotencyKey: `${input.idempotencyKey}-pay` } },
    citizen,
  )).initiatePayment;
  console.log(`    thanh toán ${payment.reference}: ${payment.amount.toLocaleString('vi')} đ, ${payment.status}, ${payment.paymentUrl}`);
  // The payment simulator serves POST /_sim/pay/{reference} beside the page of paymentUrl.
  const simPay = payment.paymentUrl.replace(/\/pay\/[^/?#]+.*$/, `/_sim/pay/${encodeURIComponent(payment.reference)}`);
  const paid = await fetch(simPay, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'paid' }) })
    .then((r) => r.json())
    .catch((e) => {
      throw new DemoError(`the payment simulator does not answer at ${simPay} (${e.cause?.code ?? e.message})`);
    });
  if (!paid.delivered) throw new DemoError(`the payment simulator could not deliver the IPN to the hub: ${JSON.stringify(paid)}`);
  console.log(`    cổng thanh toán (mô phỏng) ${paid.state}, IPN gửi về hub: HTTP ${paid.hubStatus}`);
  const DOSSIER_Q = `query($code: String!) { dossier(code: $code) { ${DOSSIER} } }`;
  for (let i = 0; i < 50 && d.status === 'AWAITING_PAYMENT'; i++) {
    d = (await gql(DOSSIER_Q, { code: d.code }, citizen)).dossier;
    if (d.status === 'AWAITING_PAYMENT') await new Promise((r) => setTimeout(r, 100));
  }
  step('đã nộp phí (cổng thanh toán)', d);
  if (d.status === 'AWAITING_PAYMENT') throw new DemoError('the payment was not settled within 5 s');

  d = await act(specialist, d, 'SUBMIT_FOR_APPROVAL');
  step('trình phê duyệt (chuyên viên)', d);
  d = await act(leader, d, 'APPROVE');
  step('phê duyệt (lãnh đạo)', d);
  const resultFile = await upload(clerk, `Phiếu lý lịch tư pháp ${d.code}.pdf`, pdf(`Phieu ly lich tu phap ${d.code}`));
  d = await act(clerk, d, 'ISSUE_RESULT', { result: { documentNumber: `${d.code.slice(-4)}/PLLTP`, signedBy: 'Giám đốc Sở Tư pháp', fileId: resultFile } });
  step('ban hành kết quả (văn thư)', d);
  d = await act(reception, d, 'DELIVER');
  step('trả kết quả (một cửa)', d);

  const scores = ['GUIDANCE_CLARITY', 'FORM_ACCURACY', 'EASE_OF_USE', 'SERVICE_CAPABILITY', 'PROCESSING_TIME', 'STAFF_ATTITUDE', 'ONLINE_RESULT_DELIVERY', 'ONLINE_PAYMENT'].map(
    (criterion) => ({ criterion, score: 5 }),
  );
  const { evaluation } = (await gql(
    `mutation($input: EvaluateDossierInput!) { evaluateDossier(input: $input) { evaluation { dossierCode satisfied } } }`,
    { input: { dossierCode: d.code, scores, comment: 'Nhanh, đúng hẹn.' } },
    citizen,
  )).evaluateDossier;
  step(`đánh giá (hài lòng: ${evaluation.satisfied ? 'có' : 'không'})`, d);

  const { dossier } = await gql(`query($code: String!) { dossier(code: $code) { components { componentCode version file { fileName } } } }`, { code: d.code }, citizen);
  for (const c of dossier.components) console.log(`    thành phần ${c.componentCode} bản ${c.version}: ${c.file?.fileName}`);
  const { myDocuments } = await gql(`{ myDocuments(first: 5) { totalCount edges { node { id kind title documentNumber sourceDossierCode file { downloadUrl } } } } }`, {}, citizen);
  const stored = myDocuments.edges.find((e) => e.node.sourceDossierCode === d.code)?.node;
  if (!stored) throw new DemoError('the result did not enter the citizen\'s store');
  console.log(`    kho dữ liệu: ${stored.kind} "${stored.title}" số ${stored.documentNumber}, tải về: ${stored.file.downloadUrl.slice(0, 60)}…`);
  console.log(`    dùng lại trong hồ sơ sau: components: [{ componentCode: "…", citizenDocumentId: "${stored.id}" }]`);

  const { trackDossier } = await gql(`query($code: String!) { trackDossier(code: $code) { code status } }`, { code: d.code });
  console.log(`\nTra cứu công khai: trackDossier(code: "${trackDossier.code}") → ${trackDossier.status}`);
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${e instanceof DemoError ? e.message : (e?.stack ?? String(e))}\n`);
  process.exit(1);
});
