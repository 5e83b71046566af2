import {
  dossierNotifications,
  feedbackNotifications,
  fitSms,
  foldDiacritics,
  gsm7Length,
  maskEmail,
  maskPhone,
  parseEmailTemplate,
  renderTemplate,
  smsMeasure,
  smsNumber,
  templateVars,
  trackingLink,
  unknownVariables,
  NOTIFICATION_TEMPLATES,
} from '../../src/domain/notifications';
import { NotificationTemplates } from '../../src/outbox/notification-templates';
import type { DossierAction } from '../../src/domain/dossier-machine';

const facts = {
  code: '000.00.15.H22-261123-0007',
  procedureName: 'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm',
  agencyName: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Giang',
  dueAt: new Date('2026-11-27T09:30:00Z'), // 16:30 in Vietnam
  applicantName: 'Nguyễn Thị Ánh Tuyết',
  note: 'Bổ sung bản sao giấy chứng nhận đăng ký hộ kinh doanh có chứng thực và xác nhận kiến thức an toàn thực phẩm của chủ cơ sở',
  amount: 1_000_000,
};
const vars = templateVars(facts, 'https://dichvucong.hagiang.gov.vn/tra-cuu?code=');

describe('which changes tell the citizen', () => {
  const table: [DossierAction | 'PAYMENT_SETTLED' | 'IDENTITY_CHECKED', number, boolean, string[]][] = [
    ['RECEIVE', 0, false, ['RECEIVED']],
    ['REQUEST_SUPPLEMENT', 1, false, ['SUPPLEMENT_REQUESTED']],
    ['REQUEST_SUPPLEMENT', 2, false, ['SUPPLEMENT_REQUESTED', 'APOLOGY']],
    ['REJECT', 0, false, ['REJECTED']],
    ['EXTEND', 0, false, ['APOLOGY']],
    ['REQUEST_PAYMENT', 0, false, ['PAYMENT_DUE']],
    ['PAYMENT_SETTLED', 0, false, ['PAYMENT_RECEIVED']],
    ['ISSUE_RESULT', 0, false, ['RESULT_READY']],
    ['ISSUE_RESULT', 0, true, ['RESULT_READY', 'APOLOGY']],
    ['DELIVER', 0, false, ['DELIVERED']],
    ['SUBMIT_FOR_APPROVAL', 0, false, []],
    ['APPROVE', 0, false, []],
    ['RETURN_FOR_REVISION', 0, false, []],
    ['SUPPLEMENT', 1, false, []],
    ['WITHDRAW', 0, false, []],
    ['STOP', 0, false, []],
    ['IDENTITY_CHECKED', 0, false, []],
  ];
  it.each(table)('%s (supplement requests %i, late %s) → %j', (action, supplementRequests, late, expected) => {
    expect(dossierNotifications({ action, supplementRequests, late })).toEqual(expected);
  });
  it('PAKN: only the answer', () => {
    expect(feedbackNotifications('ANSWER')).toEqual(['FEEDBACK_ANSWERED']);
    expect(feedbackNotifications('RECEIVE')).toEqual([]);
  });
});

describe('templates', () => {
  it('variables: due date in Vietnam time dd/MM/yyyy HH:mm, tracking link with the code, amount in đồng', () => {
    expect(vars.dueAt).toBe('27/11/2026 16:30');
    expect(vars.trackingUrl).toBe('https://dichvucong.hagiang.gov.vn/tra-cuu?code=000.00.15.H22-261123-0007');
    expect(trackingLink('https://dvc.example.vn/ho-so', 'A-1')).toBe('https://dvc.example.vn/ho-so/A-1');
    expect(vars.amount).toBe('1.000.000 đồng');
    expect(templateVars({ ...facts, dueAt: null }, 'x=').dueAt).toBe('');
  });
  it('renders {{name}}, names unknown variables, parses an e-mail file', () => {
    expect(renderTemplate('Hồ sơ {{code}} hẹn {{ dueAt }}', vars)).toBe('Hồ sơ 000.00.15.H22-261123-0007 hẹn 27/11/2026 16:30');
    expect(unknownVariables('{{code}} {{ma_ho_so}} {{x}} {{x}}')).toEqual(['ma_ho_so', 'x']);
    expect(parseEmailTemplate('Subject: Tiêu đề {{code}}\n\nThân thư\n\n')).toEqual({ subject: 'Tiêu đề {{code}}', body: 'Thân thư\n' });
    expect(parseEmailTemplate('Tiêu đề: A\r\n\r\nB')).toEqual({ subject: 'A', body: 'B\n' });
    expect(parseEmailTemplate('no subject line')).toBeNull();
  });
  it('the shipped templates load, one per event and channel, and render every event', () => {
    const t = NotificationTemplates.load(undefined, { trackingUrl: 'https://dvc.example.vn/tra-cuu?code=', smsAscii: true });
    for (const template of NOTIFICATION_TEMPLATES) {
      const drafts = t.drafts([template], { email: 'tuyet@example.vn', phone: '0912 345 678' }, { ...facts, answer: 'Nội dung trả lời' });
      expect(drafts.map((d) => d.channel)).toEqual(['EMAIL', 'SMS']);
      const [mail, sms] = drafts;
      expect(mail!.subject).toContain(facts.code);
      expect(mail!.body).toContain(facts.code);
      expect(mail!.body).not.toMatch(/\{\{/);
      expect(sms!.recipient).toBe('84912345678');
      expect(smsMeasure(sms!.body, true).length).toBeLessThanOrEqual(160);
      expect(sms!.body).toContain(facts.code);
    }
    const received = t.drafts(['RECEIVED'], { email: 'tuyet@example.vn' }, facts)[0]!;
    expect(received.body).toContain('27/11/2026 16:30');
    expect(received.body).toContain('https://dvc.example.vn/tra-cuu?code=000.00.15.H22-261123-0007');
    expect(t.drafts(['RECEIVED'], {}, facts)).toEqual([]);
  });
  it('a missing file or an unknown variable stops the start, naming the file', () => {
    expect(() => NotificationTemplates.load('/nonexistent-dir', { trackingUrl: 'x=', smsAscii: true })).toThrow(/RECEIVED\.email\.txt: missing/);
  });
});

describe('SMS', () => {
  it('folds diacritics (đ → d) into GSM-7', () => {
    expect(foldDiacritics('Hồ sơ đã được tiếp nhận. Đăng ký khai sinh')).toBe('Ho so da duoc tiep nhan. Dang ky khai sinh');
    expect(gsm7Length('Ho so {x}')).toBe(11);
    expect(gsm7Length('Hồ sơ')).toBeNull();
  });
  it('fits one GSM-7 segment (160) by shortening the free texts first, keeping code, date and link', () => {
    const body = fitSms('Ho so {{code}} ({{procedure}}) cua {{agency}} da duoc tiep nhan. Hen tra: {{dueAt}}. Tra cuu: {{trackingUrl}}', { ...vars, trackingUrl: 'https://dvc.hagiang.gov.vn/hs' }, true);
    expect(smsMeasure(body, true).length).toBeLessThanOrEqual(160);
    expect(body).toContain(facts.code);
    expect(body).toContain('27/11/2026 16:30');
    expect(body).toContain('https://dvc.hagiang.gov.vn/hs');
    expect(body).toMatch(/^Ho so 000\.00\.15\.H22-261123-0007 \(Cap giay chung.*\.\.\.\) cua So Nong nghiep/);
  });
  it('fits one UCS-2 segment (70) when diacritics are kept, cutting at a word as a last resort', () => {
    const body = fitSms('Hồ sơ {{code}} đã được tiếp nhận tại Bộ phận Một cửa, hẹn trả kết quả {{dueAt}}, tra cứu {{trackingUrl}}', vars, false);
    const m = smsMeasure(body, false);
    expect(m.limit).toBe(70);
    expect(m.length).toBeLessThanOrEqual(70);
    expect(body.endsWith('…')).toBe(true);
    expect(body.startsWith('Hồ sơ 000.00.15.H22-261123-0007')).toBe(true);
  });
  it('a short text is sent as it is', () => {
    expect(fitSms('Ho so {{code}} da co ket qua', vars, true)).toBe('Ho so 000.00.15.H22-261123-0007 da co ket qua');
  });
  it('only Vietnamese mobile numbers get SMS, as 84…', () => {
    expect(smsNumber('0912345678')).toBe('84912345678');
    expect(smsNumber('+84 912 345 678')).toBe('84912345678');
    expect(smsNumber('84-387-654-321')).toBe('84387654321');
    expect(smsNumber('02193 456 789')).toBeNull(); // a landline
    expect(smsNumber('12345')).toBeNull();
    expect(smsNumber(null)).toBeNull();
  });
});

describe('masking', () => {
  it('keeps the first character and the domain of an e-mail (not its length), the last three digits of a phone', () => {
    expect(maskEmail('tuyet.nguyen@example.vn')).toBe('t***@example.vn');
    expect(maskEmail('a@b.vn')).toBe('a***@b.vn');
    expect(maskPhone('84912345678')).toBe('********678');
  });
});
