/** What an import body may be: CSV rows by their header, and the row a worker turns into a lead input. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/core/errors';
import { IMPORT_COLUMNS, rowInput, rowsFromCsv } from '../../../lambdas/core/import-rows';
import { LeadInputSchema } from '../../../lambdas/core/leads';

const issuesOf = async (act: () => unknown) => {
  try {
    await act();
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('CSV rows', () => {
  it('name exactly the fields of a lead input as columns, custom fields apart', () => {
    // Assess
    // moveIfEnrolled is POST /leads' (and its batch's) alone: an import counts an enrolled address a duplicate.
    const fields = Object.keys(LeadInputSchema().shape).filter(
      (field) => field !== 'customFields' && field !== 'moveIfEnrolled',
    );
    expect([...IMPORT_COLUMNS].sort()).toEqual(fields.sort());
  });

  it('maps columns to lead fields, customFields.<name> to custom fields, and drops empty cells', async () => {
    // Act
    const rows = await rowsFromCsv(
      '\uFEFFfirstName,email,customFields.plan,company\r\n"Ada ""A.""",ada@example.com,pro,\r\n\r\nBo,,,"B, Ltd"\r\n',
    );

    // Assess
    expect(rows).toEqual([
      { firstName: 'Ada "A."', email: 'ada@example.com', customFields: { plan: 'pro' } },
      { firstName: 'Bo', company: 'B, Ltd' },
    ]);
  });

  it('keeps a line with the wrong number of cells as a row that fails alone', async () => {
    // Act
    const [ragged, fine] = await rowsFromCsv('firstName,email\nAda\nBo,bo@example.com');

    // Assess
    expect(await issuesOf(() => rowInput(ragged, {}))).toEqual([
      { path: '', message: 'The line has 1 cells where the header names 2 columns' },
    ]);
    expect(rowInput(fine, { assistantId: 'a1', sequenceId: 's1' })).toEqual({
      assistantId: 'a1',
      sequenceId: 's1',
      firstName: 'Bo',
      email: 'bo@example.com',
    });
  });

  it('refuses a body without a header, with unknown or repeated columns, or without rows', async () => {
    expect((await issuesOf(() => rowsFromCsv('Ada,ada@example.com')))[0]?.path).toBe('header');
    expect(await issuesOf(() => rowsFromCsv('firstName,colour,email,email\nAda,red,a@b.c,a@b.c'))).toEqual([
      {
        path: 'header.colour',
        message: expect.stringContaining('unknown column colour. Columns are firstName'),
      },
      { path: 'header.email', message: 'The column email appears twice' },
    ]);
    expect(await issuesOf(() => rowsFromCsv('firstName,emial,Last Name\nAda,a@b.c,L'))).toEqual([
      {
        path: 'header.emial',
        message: expect.stringMatching(/^unknown column emial — did you mean email\? /),
      },
      {
        path: 'header.Last Name',
        message: expect.stringMatching(/^unknown column Last Name — did you mean lastName\? /),
      },
    ]);
    expect(await issuesOf(() => rowsFromCsv('email\nada@example.com'))).toEqual([
      { path: 'header.firstName', message: 'Every lead needs a firstName column' },
    ]);
    expect((await issuesOf(() => rowsFromCsv('firstName,email\n')))[0]?.message).toContain('no leads');
    expect((await issuesOf(() => rowsFromCsv('firstName\n"Ada')))[0]?.message).toContain(
      'Not a readable CSV',
    );
  });
});

describe('a row', () => {
  it('takes the import’s assistant and sequence unless it names its own', async () => {
    // Act
    const own = rowInput(
      { firstName: 'Ada', assistantId: 'a2', sequenceName: 'Europe' },
      {
        assistantId: 'a1',
        sequenceId: 's1',
      },
    );

    // Assess: a sequence named by the row replaces the import's, whichever way it is named.
    expect(own).toEqual({ firstName: 'Ada', assistantId: 'a2', sequenceName: 'Europe' });
    expect((await issuesOf(() => rowInput(['Ada'], {})))[0]?.message).toBe(
      'A row must be an object of lead fields',
    );
  });
});
