import { startTestService, type RunningService } from '../support/testService';

/**
 * A request's id ties the audit trail to the request log. A client's own id is kept only when it is
 * a short token of safe characters (a proxy's or a tracing header's); anything else is replaced by
 * one of ours, so nothing a client writes lands in the audit trail or our response headers.
 */
let svc: RunningService;
let schoolId: string;

beforeAll(async () => {
  svc = await startTestService();
  schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
});
afterAll(() => svc.close());

const changeSettings = (requestId: string, digestTime: string) =>
  svc.api(`/api/schools/${schoolId}/settings`, { method: 'PATCH', headers: { 'x-request-id': requestId }, body: JSON.stringify({ digestTime }) });
const auditOf = async (digestTime: string) =>
  (await svc.ctx.prisma.auditEvent.findMany({ where: { action: 'school.settings' }, orderBy: { at: 'asc' } })).find((e) => (e.after as { digestTime?: string }).digestTime === digestTime);

it.each([
  ['a tracing id', 'req-7f3a.b2:9_c', '07:30', 'kept'],
  ['markup', '<script>alert(1)</script>', '07:45', 'replaced'],
  ['a very long id', 'x'.repeat(65), '08:15', 'replaced'],
  ['spaces and an escaped newline', 'a b%0Ac', '08:30', 'replaced'],
])('Given a client request id that is %s, Then the audit trail and the answer carry the id %s', async (_what, id, digestTime, how) => {
  const res = await changeSettings(id, digestTime);
  expect(res.status).toBe(200);
  const echoed = res.headers.get('x-request-id')!;
  const audit = await auditOf(digestTime);
  expect(audit!.requestId).toBe(echoed);
  if (how === 'kept') expect(echoed).toBe(id);
  else expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
});
