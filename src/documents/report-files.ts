import ExcelJS from 'exceljs';
import type { StatisticsRow } from '../domain/statistics';

/**
 * The exports of a kept report (issue 15): an XLSX sheet in the layout of the national form for
 * TTHC handling (tiếp nhận / đã giải quyết / đang giải quyết; Vietnamese headers in two rows,
 * agencies indented by level, the TOTAL row in bold) and the same table as CSV in UTF-8 with a
 * BOM, so that Excel opens the Vietnamese text correctly. Pure byte-building: no I/O.
 */

export interface ReportSheet {
  /** "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" is added above it. */
  title: string;
  /** "Tỉnh …" or the agency's name. */
  unit: string;
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
  dueBy: string;
  generatedAt: Date;
  rows: (StatisticsRow & { depth?: number })[];
}

/** The columns after "STT" and the unit name, in the form's order: [header group, header, row field]. */
export const REPORT_COLUMNS: readonly [string, string, keyof StatisticsRow][] = [
  ['Số hồ sơ nhận giải quyết', 'Tổng số', 'total' as keyof StatisticsRow],
  ['Số hồ sơ nhận giải quyết', 'Kỳ trước chuyển qua', 'carriedOver'],
  ['Số hồ sơ nhận giải quyết', 'Mới tiếp nhận trực tuyến', 'receivedOnline'],
  ['Số hồ sơ nhận giải quyết', 'Mới tiếp nhận trực tiếp', 'receivedCounter'],
  ['Số hồ sơ nhận giải quyết', 'Mới tiếp nhận qua bưu chính', 'receivedPostal'],
  ['Số hồ sơ đã giải quyết', 'Tổng số', 'resolved'],
  ['Số hồ sơ đã giải quyết', 'Trước hạn', 'resolvedEarly'],
  ['Số hồ sơ đã giải quyết', 'Đúng hạn', 'resolvedOnTime'],
  ['Số hồ sơ đã giải quyết', 'Quá hạn', 'resolvedLate'],
  ['Số hồ sơ đang giải quyết', 'Tổng số', 'inProgress'],
  ['Số hồ sơ đang giải quyết', 'Trong hạn', 'inProgressOnTime'],
  ['Số hồ sơ đang giải quyết', 'Quá hạn', 'inProgressOverdue'],
  ['Số hồ sơ rút', '', 'withdrawn'],
  ['Số hồ sơ từ chối, dừng giải quyết', '', 'rejected'],
  ['Tỷ lệ đúng hạn (%)', '', 'onTimeRate'],
];

/** A row's value in a column ("total" = carried over + received: the dossiers handled). */
export function columnValue(r: StatisticsRow, field: keyof StatisticsRow): number | string | null {
  if ((field as string) === 'total') return r.carriedOver + r.received;
  return r[field] as number | string | null;
}

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The XLSX workbook's bytes. */
export async function reportXlsx(s: ReportSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dvc-hub';
  wb.created = s.generatedAt;
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const lastCol = 2 + REPORT_COLUMNS.length;
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = 'BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = `${s.title} — ${s.unit}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).font = { bold: true };
  ws.mergeCells(3, 1, 3, lastCol);
  ws.getCell(3, 1).value = `Kỳ báo cáo: từ ngày ${dmy(s.from)} đến ngày ${dmy(s.to)}; hạn gửi trước ngày ${dmy(s.dueBy)}; số liệu lập lúc ${s.generatedAt.toISOString()}`;
  ws.getCell(3, 1).alignment = { horizontal: 'center' };
  ws.getCell(3, 1).font = { italic: true, size: 10 };

  // Two header rows: groups merged over their columns, then the columns.
  const h1 = 5;
  const h2 = 6;
  ws.mergeCells(h1, 1, h2, 1);
  ws.getCell(h1, 1).value = 'STT';
  ws.mergeCells(h1, 2, h2, 2);
  ws.getCell(h1, 2).value = 'Đơn vị';
  let c = 3;
  while (c < lastCol + 1) {
    const group = REPORT_COLUMNS[c - 3]![0];
    let span = 1;
    while (c + span <= lastCol && REPORT_COLUMNS[c + span - 3]![0] === group) span++;
    if (REPORT_COLUMNS[c - 3]![1] === '') {
      ws.mergeCells(h1, c, h2, c);
    } else {
      if (span > 1) ws.mergeCells(h1, c, h1, c + span - 1);
      for (let i = 0; i < span; i++) ws.getCell(h2, c + i).value = REPORT_COLUMNS[c - 3 + i]![1];
    }
    ws.getCell(h1, c).value = group;
    c += span;
  }
  // Column numbers under the headers, as the national form prints them: (1) (2) (3) …
  const h3 = 7;
  for (let i = 1; i <= lastCol; i++) ws.getCell(h3, i).value = `(${i})`;
  for (const r of [h1, h2, h3]) {
    for (let i = 1; i <= lastCol; i++) {
      const cell = ws.getCell(r, i);
      cell.font = { bold: r !== h3, italic: r === h3, size: 10 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
      if (r !== h3) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
    }
  }
  ws.getRow(h2).height = 42;

  let n = 0;
  s.rows.forEach((row, i) => {
    const excelRow = ws.getRow(h3 + 1 + i);
    const total = row.key === 'TOTAL';
    excelRow.getCell(1).value = total ? '' : ++n;
    excelRow.getCell(2).value = total ? 'TỔNG CỘNG' : row.label;
    excelRow.getCell(2).alignment = { indent: Math.min(row.depth ?? 0, 6) * 2, vertical: 'middle' };
    REPORT_COLUMNS.forEach(([, , field], j) => {
      const v = columnValue(row, field);
      const cell = excelRow.getCell(3 + j);
      cell.value = v === null ? '' : v;
      cell.numFmt = field === 'onTimeRate' ? '0.00' : '#,##0';
      cell.alignment = { horizontal: 'right' };
    });
    for (let k = 1; k <= lastCol; k++) {
      excelRow.getCell(k).border = border;
      if (total) excelRow.getCell(k).font = { bold: true };
    }
  });
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 48;
  for (let i = 3; i <= lastCol; i++) ws.getColumn(i).width = 12;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: h3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV (RFC 4180, UTF-8 with BOM, CRLF): one header row, then the rows with their keys. */
export function reportCsv(s: ReportSheet): Buffer {
  const quote = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const header = ['Mã', 'Đơn vị', 'Cấp', ...REPORT_COLUMNS.map(([g, h]) => (h ? `${g} - ${h}` : g))];
  const lines = [header.map(quote).join(',')];
  for (const r of s.rows) lines.push([r.key, r.label, r.depth ?? '', ...REPORT_COLUMNS.map(([, , f]) => columnValue(r, f))].map(quote).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
