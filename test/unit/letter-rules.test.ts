import { issueFacts, letterRequestsFor, lettersCausedBy, processLogLines, type ChangeForLetters } from '../../src/domain/letter-rules';
import { letterContent, letterPlainText } from '../../src/domain/letters';
import { DOSSIER_ACTIONS } from '../../src/domain/dossier-machine';

/** Issue 12: which change issues which letter, and what each states (pure). */
const submittedAt = new Date('2026-03-02T01:00:00Z');
const receivedAt = new Date('2026-03-02T02:15:00Z');
const dueAt = new Date('2026-03-20T09:30:00Z');
const newDueAt = new Date('2026-03-27T09:30:00Z');

function change(over: Partial<ChangeForLetters> & { action: string }): ChangeForLetters {
  return {
    version: 5,
    supplementRequests: 0,
    dueAtBefore: dueAt,
    dossier: {
      code: 'H22.34.31-260302-0007',
      submittedAt,
      receivedAt,
      dueAt,
      delivery: 'COUNTER',
      deliveryAddress: null,
      components: [{ componentCode: 'TK' }, { componentCode: 'GCS' }, { componentCode: 'XX' }],
      fees: [{ kind: 'CHARGE', amount: 8000, description: null }],
      applicant: { name: 'Nguyễn Thị Hoa', identityNumber: '002090001234', address: 'Thôn Lùng Tám' },
    },
    agency: { code: 'H22.34.31', name: 'Ủy ban nhân dân xã Quyết Tiến', parentName: 'Ủy ban nhân dân huyện Quản Bạ' },
    procedure: {
      name: 'Đăng ký khai sinh',
      components: [
        { code: 'TK', name: 'Tờ khai đăng ký khai sinh' },
        { code: 'GCS', name: 'Giấy chứng sinh' },
      ],
    },
    ...over,
  };
}

describe('which change issues which letter', () => {
  it('the table: RECEIVE, REQUEST_SUPPLEMENT (+ APOLOGY from the second), REJECT, EXTEND, DELIVER, a PAID payment', () => {
    expect(lettersCausedBy('RECEIVE', 0)).toEqual(['RECEIPT']);
    expect(lettersCausedBy('REQUEST_SUPPLEMENT', 1)).toEqual(['SUPPLEMENT_REQUEST']);
    expect(lettersCausedBy('REQUEST_SUPPLEMENT', 2)).toEqual(['SUPPLEMENT_REQUEST', 'APOLOGY']);
    expect(lettersCausedBy('REQUEST_SUPPLEMENT', 3)).toEqual(['SUPPLEMENT_REQUEST', 'APOLOGY']);
    expect(lettersCausedBy('REJECT', 0)).toEqual(['REJECTION']);
    expect(lettersCausedBy('EXTEND', 0)).toEqual(['APOLOGY']);
    expect(lettersCausedBy('DELIVER', 0)).toEqual(['PROCESS_CONTROL']);
    expect(lettersCausedBy('PAYMENT_SETTLED', 0)).toEqual(['PAYMENT_RECEIPT']);
  });

  it('every other action issues nothing', () => {
    const issuing = new Set(['RECEIVE', 'REQUEST_SUPPLEMENT', 'REJECT', 'EXTEND', 'DELIVER']);
    for (const a of DOSSIER_ACTIONS.filter((x) => !issuing.has(x))) expect([a, lettersCausedBy(a, 2)]).toEqual([a, []]);
    expect(lettersCausedBy('IDENTITY_CHECKED', 0)).toEqual([]);
    expect(lettersCausedBy('SUBMIT', 0)).toEqual([]);
  });

  it('the cause is the change (action and version); a payment’s receipt is caused by the payment', () => {
    expect(letterRequestsFor(change({ action: 'RECEIVE' }))).toEqual([expect.objectContaining({ kind: 'RECEIPT', cause: 'RECEIVE#5', paymentId: null })]);
    const paid = letterRequestsFor(
      change({ action: 'PAYMENT_SETTLED', payment: { id: 'p-1', amount: 8000, channel: 'COUNTER', reference: 'QUAY1', transactionId: null, paidAt: receivedAt } }),
    );
    expect(paid).toEqual([expect.objectContaining({ kind: 'PAYMENT_RECEIPT', cause: 'PAYMENT#p-1', paymentId: 'p-1' })]);
    expect(paid[0].facts).toMatchObject({ amount: 8000, transactionRef: 'QUAY1', feeName: 'Lệ phí', method: 'Nộp tại Bộ phận Một cửa' });
    // Without the payment there is nothing to write a receipt for.
    expect(letterRequestsFor(change({ action: 'PAYMENT_SETTLED' }))).toEqual([]);
  });
});

describe('the facts each letter states', () => {
  it('RECEIPT: the components by their names (an unknown code as it is), the appointment, where to collect', () => {
    const [r] = letterRequestsFor(change({ action: 'RECEIVE' }));
    expect(r.facts).toMatchObject({ kind: 'RECEIPT', receivedAt, dueAt, components: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'XX'], pickUp: 'Ủy ban nhân dân xã Quyết Tiến' });
    const postal = letterRequestsFor(change({ action: 'RECEIVE', dossier: { ...change({ action: 'RECEIVE' }).dossier, delivery: 'POSTAL', deliveryAddress: 'Số 1 Nguyễn Trãi' } }));
    expect((postal[0].facts as { pickUp: string }).pickUp).toContain('Số 1 Nguyễn Trãi');
  });

  it('SUPPLEMENT_REQUEST: the components asked for by name when the change names them, else the note', () => {
    const named = letterRequestsFor(change({ action: 'REQUEST_SUPPLEMENT', supplementRequests: 1, requestedComponents: ['GCS'], note: 'Bản chụp mờ' }));
    expect(named[0].facts).toMatchObject({ papers: ['Giấy chứng sinh'], reason: 'Bản chụp mờ' });
    const noted = letterRequestsFor(change({ action: 'REQUEST_SUPPLEMENT', supplementRequests: 1, note: 'Thiếu giấy chứng sinh bản chính' }));
    expect(noted[0].facts).toMatchObject({ papers: ['Thiếu giấy chứng sinh bản chính'] });
    // Asked before the dossier was received: the date it was handed in.
    const early = letterRequestsFor(change({ action: 'REQUEST_SUPPLEMENT', supplementRequests: 1, note: 'x', dossier: { ...change({ action: 'X' }).dossier, receivedAt: null, dueAt: null } }));
    expect(early[0].facts).toMatchObject({ receivedAt: submittedAt });
  });

  it('the second supplement request: an APOLOGY for the repeated request, with the apology letter as its reason', () => {
    const r = letterRequestsFor(change({ action: 'REQUEST_SUPPLEMENT', supplementRequests: 2, note: 'Thiếu bản sao', apologyLetter: 'Hướng dẫn lần đầu chưa đủ' }));
    expect(r.map((x) => x.kind)).toEqual(['SUPPLEMENT_REQUEST', 'APOLOGY']);
    expect(r[1]).toMatchObject({ cause: 'REQUEST_SUPPLEMENT#5', facts: { reason: 'Hướng dẫn lần đầu chưa đủ', supplementRequest: 2 } });
    const text = letterPlainText(letterContent(issueFacts(JSON.parse(JSON.stringify(r[1].facts)), { seq: 1, issuedAt: receivedAt, place: 'Hà Giang' })));
    expect(text).toContain('lần thứ 2');
    expect(text).toContain('Hướng dẫn lần đầu chưa đủ');
  });

  it('EXTEND: the APOLOGY states the old and the new appointment', () => {
    const [r] = letterRequestsFor(change({ action: 'EXTEND', apologyLetter: 'Cần xác minh', dossier: { ...change({ action: 'X' }).dossier, dueAt: newDueAt } }));
    expect(r.facts).toMatchObject({ kind: 'APOLOGY', dueAt, newDueAt, reason: 'Cần xác minh' });
    expect((r.facts as { supplementRequest?: number }).supplementRequest).toBeUndefined();
  });

  it('REJECTION gives the note as its reason; PROCESS_CONTROL takes the log up to the change', () => {
    expect(letterRequestsFor(change({ action: 'REJECT', note: 'Không thuộc thẩm quyền' }))[0].facts).toMatchObject({ reason: 'Không thuộc thẩm quyền' });
    expect(letterRequestsFor(change({ action: 'DELIVER', version: 9 }))[0].facts).toMatchObject({ kind: 'PROCESS_CONTROL', log: [], logUpTo: 9 });
  });

  it('the facts survive their JSON snapshot: dates come back as dates; the superior body defaults; the log is filled in', () => {
    const [r] = letterRequestsFor(change({ action: 'DELIVER', agency: { code: 'S15', name: 'Sở Tư pháp' } }));
    const log = processLogLines(
      [
        { at: receivedAt, action: 'RECEIVE', actor: 'reception@S15', actorRole: 'RECEPTION_OFFICER', note: null },
        { at: dueAt, action: 'SUPPLEMENT', actor: 'citizen-1', actorRole: 'CITIZEN', note: 'Đã bổ sung' },
      ],
      'Sở Tư pháp',
    );
    expect(log).toEqual([
      { at: receivedAt, by: 'reception@S15 (cán bộ tiếp nhận (bộ phận một cửa)), Sở Tư pháp', action: 'Tiếp nhận', note: undefined },
      { at: dueAt, by: 'citizen-1 (công dân)', action: 'Bổ sung hồ sơ', note: 'Đã bổ sung' },
    ]);
    const f = issueFacts(JSON.parse(JSON.stringify(r.facts)), { seq: 3, issuedAt: dueAt, place: 'Hà Giang', defaultParentName: 'Ủy ban nhân dân tỉnh Hà Giang', log });
    expect(f).toMatchObject({ seq: 3, issuedAt: dueAt, place: 'Hà Giang', receivedAt, dueAt, agency: { parentName: 'Ủy ban nhân dân tỉnh Hà Giang' } });
    expect('logUpTo' in f).toBe(false);
    const c = letterContent(f);
    expect(c.number).toBe('PROCESS_CONTROL/S15/2026/3');
    expect(c.agencyLines).toEqual(['ỦY BAN NHÂN DÂN TỈNH HÀ GIANG', 'SỞ TƯ PHÁP']);
    expect(letterPlainText(c)).toContain('Bổ sung hồ sơ');
  });
});
