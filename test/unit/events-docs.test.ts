/**
 * The domain events' published documents are the ones the catalogue generates (run `npm run events`
 * after changing lambdas/core/domain-events.ts): a JSON Schema per type and an AsyncAPI 3 document,
 * which Spectral's AsyncAPI rules (the specification's own schema among them) pass without a finding.
 * Each type's example is a valid event by both its zod schema and its published JSON Schema.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_TYPES, type DomainEvent, parseDomainEvent } from '../../lambdas/core/domain-events';
import { asyncApiDocument, eventJsonSchema, exampleEvent } from '../../local/events-docs';

const run = promisify(execFile);
const DIR = 'docs/events';
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** Spectral's findings on an AsyncAPI document, one line each; offline, the rules it bundles. */
async function spectralFindings(path: string): Promise<string[]> {
  const { stdout } = await run(
    'node_modules/.bin/spectral',
    ['lint', path, '--ruleset', `${DIR}/.spectral.yaml`, '--format', 'json', '--quiet'],
    { env: { ...process.env, NO_COLOR: '1' } },
  ).catch((failure: { stdout: string }) => failure);
  const results = JSON.parse(stdout || '[]') as { code: string; message: string; path: string[] }[];
  return results.map(({ code, message, path: at }) => `${code} at ${at.join('.')}: ${message}`);
}

describe('the domain events’ documents', () => {
  it('are the JSON Schemas the catalogue generates, one per type (run npm run events after a change)', () => {
    // Act
    const published = readdirSync(DIR).filter((name) => name.endsWith('.json') && name !== 'asyncapi.json');

    // Assess
    expect(published.sort()).toEqual(DOMAIN_EVENT_TYPES.map((type) => `${type}.json`).sort());
    for (const type of DOMAIN_EVENT_TYPES) {
      expect(readJson(`${DIR}/${type}.json`), type).toEqual(
        JSON.parse(JSON.stringify(eventJsonSchema(type))),
      );
    }
  });

  it('include the AsyncAPI document the catalogue generates', () => {
    expect(readJson(`${DIR}/asyncapi.json`)).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  it('pass Spectral’s AsyncAPI 3 rules with no finding', { timeout: 60_000 }, async () => {
    expect(await spectralFindings(`${DIR}/asyncapi.json`)).toEqual([]);
  });

  it('would fail Spectral with a field AsyncAPI 3 does not have', { timeout: 60_000 }, async () => {
    // Prepare
    const document = asyncApiDocument() as { info: Record<string, unknown> };
    document.info.termsOfServiceUri = 'nope';
    mkdirSync('.local', { recursive: true });
    writeFileSync('.local/asyncapi-broken.json', JSON.stringify(document));

    // Act
    const findings = await spectralFindings('.local/asyncapi-broken.json');

    // Assess
    expect(findings).toEqual([
      'asyncapi-3-document-resolved at info.termsOfServiceUri: Property "termsOfServiceUri" is not expected to be here',
    ]);
  });

  /**
   * Spectral 6.16 checks messages' examples against their payloads for AsyncAPI 2 only
   * (asyncapi-message-examples), so the published examples are checked here.
   */
  it('shows examples in the AsyncAPI document that their payload schemas accept', () => {
    // Prepare
    const document = readJson(`${DIR}/asyncapi.json`) as {
      components: {
        schemas: Record<string, object>;
        messages: Record<string, { payload: { $ref: string }; examples: { payload: unknown }[] }>;
      };
    };
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);

    // Act
    const invalid = Object.entries(document.components.messages).flatMap(([name, message]) => {
      const schema = document.components.schemas[message.payload.$ref.split('/').at(-1) ?? ''];
      if (!schema) return [`${name}: no payload schema`];
      const validate = ajv.compile(schema);
      return message.examples.flatMap((example) =>
        validate(example.payload) ? [] : [`${name}: ${ajv.errorsText(validate.errors)}`],
      );
    });

    // Assess
    expect(Object.keys(document.components.messages).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
    expect(invalid).toEqual([]);
  });

  it.each(DOMAIN_EVENT_TYPES)('shows an example of %s that its zod and its JSON Schema accept', (type) => {
    // Prepare
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(readJson(`${DIR}/${type}.json`));
    const example = exampleEvent(type) as DomainEvent;

    // Act
    const valid = validate(JSON.parse(JSON.stringify(example)));

    // Assess
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(() => parseDomainEvent(example)).not.toThrow();
    expect(validate({ ...example, type: 'lead.other' })).toBe(false);
  });
});
