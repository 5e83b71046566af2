import { performance } from 'node:perf_hooks';
import { machine } from './support';
import { LETTER_KINDS, letterContent, LetterFacts, LetterKind } from '../src/domain/letters';
import { renderLetterPdf } from '../src/documents/pdf';

/**
 * npm run bench -- letters (issue 12): PDF letters generated per second by one process, the six
 * kinds in turn (content from the pure function + pdfkit with the embedded DejaVu font), one
 * after another for `seconds` per round after a warm-up. Target ≥ 100/s. No database, no disk.
 */
function facts(kind: LetterKind, seq: number): LetterFacts {
  const common = {
    seq,
    issuedAt: new Date(),
    place: 'Hà Giang',
    agency: { code: 'H23.10', name: 'Ủy ban nhân dân huyện Quản Bạ', parentName: 'Ủy ban nhân dân tỉnh Hà Giang' },
    dossierCode: `H23.10-260305-${String(seq).padStart(4, '0')}`,
    procedureName: 'Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất',
    applicant: { name: 'Nguyễn Văn Đữu', identityNumber: '002090001234', address: 'Thôn Lùng Tám, xã Lùng Tám, huyện Quản Bạ', phone: '0912345678' },
  };
  const receivedAt = new Date(Date.now() - 3 * 86400_000);
  const dueAt = new Date(Date.now() + 10 * 86400_000);
  switch (kind) {
    case 'RECEIPT':
      return { ...common, kind, receivedAt, dueAt, components: ['Đơn đăng ký', 'Giấy tờ về quyền sử dụng đất', 'Sơ đồ thửa đất'] };
    case 'SUPPLEMENT_REQUEST':
      return { ...common, kind, receivedAt, papers: ['Sơ đồ thửa đất', 'Biên lai nộp thuế'], reason: 'Hồ sơ thiếu giấy tờ' };
    case 'REJECTION':
      return { ...common, kind, receivedAt, reason: 'Đất đang có tranh chấp, chưa đủ điều kiện giải quyết.' };
    case 'APOLOGY':
      return { ...common, kind, receivedAt, dueAt, newDueAt: new Date(dueAt.getTime() + 5 * 86400_000), reason: 'Cần xác minh thực địa' };
    case 'PROCESS_CONTROL':
      return {
        ...common,
        kind,
        receivedAt,
        dueAt,
        log: Array.from({ length: 6 }, (_, i) => ({ at: new Date(receivedAt.getTime() + i * 3600_000), by: 'Phòng Tài nguyên và Môi trường', action: 'Thẩm định hồ sơ' })),
      };
    case 'PAYMENT_RECEIPT':
      return { ...common, kind, paidAt: receivedAt, amount: 1_234_000, method: 'Thanh toán trực tuyến', transactionRef: `PAY-${seq}` };
  }
}

export async function benchLetters(opts: { seconds: number; rounds: number }) {
  let seq = 1;
  const one = async () => {
    const kind = LETTER_KINDS[seq % LETTER_KINDS.length];
    const pdf = await renderLetterPdf(letterContent(facts(kind, seq++)));
    return pdf.length;
  };
  for (let i = 0; i < 60; i++) await one(); // warm-up (fonts loaded, JIT)
  const rounds: { letters: number; perSecond: number; cpuMsPerLetter: number; meanMs: number; p99Ms: number; meanBytes: number }[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    const times: number[] = [];
    let bytes = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const end = start + opts.seconds * 1000;
    while (performance.now() < end) {
      const t0 = performance.now();
      bytes += await one();
      times.push(performance.now() - t0);
    }
    const elapsed = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    rounds.push({
      letters: times.length,
      perSecond: Math.round(times.length / elapsed),
      // CPU time of this process per letter (user + system): the figure that does not depend on other load on the machine.
      cpuMsPerLetter: Number(((cpu.user + cpu.system) / 1000 / times.length).toFixed(2)),
      meanMs: Number((times.reduce((a, b) => a + b, 0) / times.length).toFixed(2)),
      p99Ms: Number(times[Math.floor(times.length * 0.99)].toFixed(2)),
      meanBytes: Math.round(bytes / times.length),
    });
  }
  return {
    bench: 'letters',
    machine: machine(),
    target: '>= 100 letters/s in one process',
    rounds,
    meanPerSecond: Math.round(rounds.reduce((a, r) => a + r.perSecond, 0) / rounds.length),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}
