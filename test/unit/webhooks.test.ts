import { createHmac } from 'node:crypto';
import { DEFAULT_WEBHOOK_RETRY_MS, webhookRetryAfter } from '../../src/domain/webhooks';
import { isPrivateAddress, webhookSignature, webhookUrlProblem } from '../../src/connectors/notifiers';

describe('webhook rules', () => {
  it('retries after 10 s, 1 min, 10 min, 1 h, 6 h and 24 h, then gives up', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => webhookRetryAfter(n))).toEqual([10_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000]);
    expect(webhookRetryAfter(7)).toBeNull();
    expect(webhookRetryAfter(2, [5, 6])).toBe(6);
    expect(DEFAULT_WEBHOOK_RETRY_MS).toHaveLength(6);
  });

  it('signs v1=<hex HMAC-SHA256(secret, id.timestamp.body)>', () => {
    const body = '{"id":"e1","type":"DOSSIER_SUBMITTED","createdAt":"2026-12-04T00:00:00.000Z","data":{}}';
    const expected = createHmac('sha256', 'whsec_x').update(`e1.1796422000.${body}`).digest('hex');
    expect(webhookSignature('whsec_x', 'e1', '1796422000', body)).toBe(`v1=${expected}`);
    expect(webhookSignature('whsec_y', 'e1', '1796422000', body)).not.toBe(`v1=${expected}`);
  });

  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true], ['::1', true], ['fe80::1', true], ['fd00::1', true], ['::ffff:127.0.0.1', true],
    ['not-an-address', true], ['8.8.8.8', false], ['172.32.0.1', false], ['203.113.131.1', false], ['2001:4860:4860::8888', false], ['::ffff:8.8.8.8', false],
  ])('%s private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('URLs: http(s) only, no credentials, https in production except http://127.0.0.1', () => {
    expect(webhookUrlProblem('https://mc.example.gov.vn/hook', { production: true })).toBeNull();
    expect(webhookUrlProblem('http://mc.example.gov.vn/hook', { production: true })).toMatch(/https/);
    expect(webhookUrlProblem('http://mc.example.gov.vn/hook', { production: false })).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:9000/hook', { production: true })).toBeNull();
    expect(webhookUrlProblem('ftp://x.vn/', { production: false })).toMatch(/https/);
    expect(webhookUrlProblem('https://u:p@x.vn/', { production: false })).toMatch(/password/);
    expect(webhookUrlProblem('nope', { production: false })).toBe('not a URL');
  });
});
