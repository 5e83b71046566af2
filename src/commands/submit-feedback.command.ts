import { randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context';
import { badInput, conflict, msg } from '../errors';
import { isBlank } from '../domain/text';
import { vnDate } from '../domain/vn-time';
import { feedbackCodePrefix, receiveFeedback } from '../domain/feedback-machine';
import { feedbackById, feedbackReferences, insertFeedback, type FeedbackRow } from '../stores/feedback.store';
import { writeFeedbackSubmittedNotices } from './notify-effects';
import { FEEDBACK_FORWARD, nationalFeedbackRecord } from '../outbox/national-messages';

export interface SubmitFeedbackInput {
  title: string;
  content: string;
  agencyCode?: string | null;
  procedureCode?: string | null;
  dossierCode?: string | null;
  contact: { fullName: string; phone?: string | null; email?: string | null; identityNumber?: string | null };
  isPublic?: boolean | null;
}

/**
 * submitFeedback: anyone may send a PAKN (no login needed; a token that is sent must be valid)
 * with a way to be answered (phone or e-mail). Code PAKN.YYYYMMDD.NNNN from a daily sequence;
 * the reject deadline starts running at receipt; the national portal learns it through the
 * outbox — all in one statement.
 */
export async function submitFeedback(ctx: CommandContext, input: SubmitFeedbackInput): Promise<FeedbackRow> {
  if (ctx.viewer.tokenError) ctx.viewer.requireAuthenticated();
  if (isBlank(input.title) || input.title.length > 300) throw badInput('title', msg('Cần có tiêu đề dài từ 1 đến 300 ký tự', 'a title of 1 to 300 characters is required'));
  if (isBlank(input.content) || input.content.length > 10_000) throw badInput('content', msg('Cần có nội dung dài từ 1 đến 10.000 ký tự', 'content of 1 to 10,000 characters is required'));
  const c = input.contact;
  if (isBlank(c.fullName)) throw badInput('contact.fullName', msg('Cần nhập họ tên của bạn', 'your name is required'));
  if (isBlank(c.phone) && isBlank(c.email)) throw badInput(
      'contact',
      msg(
        'Cần có số điện thoại hoặc địa chỉ thư điện tử để nhận được câu trả lời',
        'a phone number or an e-mail address is required, so that the answer can reach you',
      ),
    );
  if (c.phone != null && !isBlank(c.phone) && !/^\+?[0-9 .-]{8,15}$/.test(c.phone)) throw badInput('contact.phone', msg('Số điện thoại không đúng định dạng', 'phone is not a phone number'));
  if (c.email != null && !isBlank(c.email) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.email)) throw badInput('contact.email', msg('Thư điện tử không đúng định dạng', 'email is not an e-mail address'));
  if (c.identityNumber != null && !/^\d{12}$/.test(c.identityNumber)) throw badInput('contact.identityNumber', msg('Số định danh cá nhân phải có đúng 12 chữ số', 'an identity number has exactly 12 digits'));

  const refs = await feedbackReferences(ctx.db, { agencyCode: input.agencyCode ?? null, procedureCode: input.procedureCode ?? null, dossierCode: input.dossierCode ?? null });
  if (input.agencyCode && !refs.agencyId) throw badInput('agencyCode', msg(`Không có cơ quan mã ${input.agencyCode}`, `no agency ${input.agencyCode}`));
  if (input.procedureCode && !refs.procedureId) throw badInput('procedureCode', msg(`Không có thủ tục ${input.procedureCode}`, `no procedure ${input.procedureCode}`));
  if (!refs.dossierExists) throw badInput('dossierCode', msg(`Không có hồ sơ ${input.dossierCode}`, `no dossier ${input.dossierCode}`));

  const { now } = ctx;
  const receipt = receiveFeedback(now, ctx.calendar);
  const row: FeedbackRow = {
    id: randomUUID(), code: '', title: input.title.trim(), content: input.content.trim(), status: 'RECEIVED', version: 1,
    agencyId: refs.agencyId, agencyCode: input.agencyCode ?? null, procedureId: refs.procedureId, procedureCode: input.procedureCode ?? null,
    dossierCode: input.dossierCode ?? null, contactFullName: c.fullName.trim(), contactPhone: c.phone ?? null, contactEmail: c.email ?? null,
    contactIdentityNumber: c.identityNumber ?? null, submittedBy: ctx.viewer.authenticated ? ctx.viewer.subject : null, isPublic: !!input.isPublic,
    submittedAt: now, dueAt: receipt.stageDeadline, clockStartedAt: receipt.clockStartedAt, pausedWorkingMinutes: 0, supplementRequests: 0,
    pausedFrom: null, pausedAt: null, answerDueAt: receipt.answerDueAt, answeredAt: null, answeredOnTime: null, answer: null,
  };
  // The feedback, its log line and portal message (one statement), and the sector systems' FEEDBACK_CHANGED: one transaction.
  const feedback = await ctx.db.transaction(async (db) => {
    const written = await insertFeedback(db, {
      feedback: row,
      codePrefix: feedbackCodePrefix(now),
      day: vnDate(now),
      eventId: randomUUID(),
      message: { messageId: randomUUID(), topic: FEEDBACK_FORWARD, payload: { record: nationalFeedbackRecord(row) } },
    });
    if (!written) throw conflict(msg('Đã dùng hết số phản ánh, kiến nghị của ngày hôm nay', 'Every feedback number for today is used'), 'SEQUENCE_EXHAUSTED');
    const f = (await feedbackById(db, row.id))!;
    await writeFeedbackSubmittedNotices(db, f, now);
    return f;
  });

  ctx.afterCommit(() => ctx.services.outboxWritten());
  ctx.afterCommit(() => ctx.services.scorecardFeed.markDirty(feedback.agencyCode));
  return feedback;
}
