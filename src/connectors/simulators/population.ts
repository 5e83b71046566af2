/**
 * National population database simulator (CSDL quốc gia về dân cư), seeded with the
 * fictional citizens of src/seed/demo-citizens.ts.
 *
 * API (see ../population.ts):
 *   POST /api/dancu/tracuu { SoDinhDanh, HoVaTen, NgayThangNamSinh: "yyyyMMdd" }
 *   200 { error_code: "0", message, KetQua: 1, CongDan }                    number, name and birth date match
 *   200 { error_code: "0", message, KetQua: 2, TruongKhongKhop: [...] }     number known, name and/or birth date differ
 *   200 { error_code: "0", message, KetQua: 3 }                             number unknown
 *   400 { error_code: "1", message }                                        malformed request
 * Names compare diacritic-sensitively, ignoring case and spacing (Unicode NFC).
 *
 * Control (besides /_sim/requests and /_sim/faults):
 *   GET /_sim/citizens                    → NationalCitizen[]
 *   PUT /_sim/citizens  NationalCitizen    → adds or replaces one person (keyed by SoDinhDanh)
 */
import { demoCitizens, type DemoCitizen } from '../../seed/demo-citizens';
import { isNationalDay, sameVietnameseName, toNationalDay } from '../national-formats';
import { POPULATION_PATHS, type NationalCitizen, type PopulationLookupReply } from '../population';
import { SimServer, isObject, reply, type SimulatorHandle, type SimulatorOptions } from './sim-server';

export interface PopulationSimulatorOptions extends SimulatorOptions {
  /** Default: the demo citizens. */
  citizens?: NationalCitizen[];
}

export interface PopulationSimulator extends SimulatorHandle {
  citizens(): NationalCitizen[];
  upsertCitizen(c: NationalCitizen): void;
}

/** A demo citizen in the wire format. */
export function toNationalCitizen(c: DemoCitizen): NationalCitizen {
  const addr = (a: DemoCitizen['permanentAddress']) => ({ MaTinh: a.provinceCode, MaHuyen: a.districtCode, MaXa: a.wardCode, ChiTiet: a.detail });
  return {
    SoDinhDanh: c.identityNumber,
    HoVaTen: c.fullName,
    Ho: c.lastName,
    TenDem: c.middleName,
    Ten: c.firstName,
    NgayThangNamSinh: toNationalDay(c.birthDate),
    GioiTinh: c.gender === 'NAM' ? 1 : 2,
    NoiThuongTru: addr(c.permanentAddress),
    NoiOHienTai: addr(c.currentAddress),
  };
}

export async function startPopulationSimulator(opts: PopulationSimulatorOptions = {}): Promise<PopulationSimulator> {
  const sim = new SimServer('population', opts.log);
  const people = new Map<string, NationalCitizen>();
  for (const c of opts.citizens ?? demoCitizens.map(toNationalCitizen)) people.set(c.SoDinhDanh, structuredClone(c));

  sim.api.post(POPULATION_PATHS.lookup, (req, res) => {
    const b = req.body;
    const problems: string[] = [];
    if (!isObject(b)) problems.push('body must be a JSON object');
    else {
      if (typeof b.SoDinhDanh !== 'string' || !/^\d{12}$/.test(b.SoDinhDanh)) problems.push('SoDinhDanh must be 12 digits');
      if (typeof b.HoVaTen !== 'string' || b.HoVaTen.trim() === '') problems.push('HoVaTen is required');
      if (!isNationalDay(b.NgayThangNamSinh)) problems.push('NgayThangNamSinh must be yyyyMMdd');
    }
    if (problems.length || !isObject(b)) return reply(res, 400, '1', `Dữ liệu không hợp lệ: ${problems.join('; ')}`);

    const person = people.get(b.SoDinhDanh as string);
    let answer: PopulationLookupReply;
    if (!person) {
      answer = { error_code: '0', message: 'Không tìm thấy thông tin công dân', KetQua: 3 };
    } else {
      const mismatched: string[] = [];
      if (!sameVietnameseName(person.HoVaTen, b.HoVaTen as string)) mismatched.push('HoVaTen');
      if (person.NgayThangNamSinh !== b.NgayThangNamSinh) mismatched.push('NgayThangNamSinh');
      answer = mismatched.length
        ? { error_code: '0', message: 'Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư', KetQua: 2, TruongKhongKhop: mismatched }
        : { error_code: '0', message: 'Thông tin khớp', KetQua: 1, CongDan: structuredClone(person) };
    }
    res.json(answer);
  });

  const upsertCitizen = (c: NationalCitizen) => {
    people.set(c.SoDinhDanh, structuredClone(c));
  };
  sim.sim.get('/citizens', (_req, res) => {
    res.json([...people.values()]);
  });
  sim.sim.put('/citizens', (req, res) => {
    const c = req.body;
    if (
      !isObject(c) ||
      typeof c.SoDinhDanh !== 'string' ||
      !/^\d{12}$/.test(c.SoDinhDanh) ||
      typeof c.HoVaTen !== 'string' ||
      !isNationalDay(c.NgayThangNamSinh) ||
      !isObject(c.NoiThuongTru) ||
      !isObject(c.NoiOHienTai)
    ) {
      return reply(res, 400, '1', 'A citizen needs SoDinhDanh (12 digits), HoVaTen, NgayThangNamSinh (yyyyMMdd), NoiThuongTru and NoiOHienTai');
    }
    upsertCitizen(c as unknown as NationalCitizen);
    res.json({ count: people.size });
  });

  const handle = await sim.start(opts);
  return {
    ...handle,
    citizens: () => [...people.values()].map((c) => structuredClone(c)),
    upsertCitizen,
  };
}
