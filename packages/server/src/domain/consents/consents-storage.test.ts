import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { createOrganization } from '../orgs/create-organization.js';
import { createUser } from '../orgs/create-user.js';
import { demoLocation } from '../../test-support/test-app.js';

describeEachDialect('consents storage', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let locationId: string;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const { db } = t.handle;
    const owner = await createUser(db, {
      name: 'Owner',
      email: 'o@clinic.test',
      password: 'correct horse battery',
    });
    ({ orgId, locationId } = await db.transaction().execute((tx) =>
      createOrganization(tx, {
        actor: { userId: owner.id, label: 'o', ip: null },
        ownerId: owner.id,
        name: 'Practice',
        kind: 'practice',
        location: { ...demoLocation, fax: null },
      }),
    ));
  });
  afterAll(() => t.drop());

  it('stores document bytes exactly and refuses to change or delete them', async () => {
    const { db } = t.handle;
    const now = new Date().toISOString();
    await db
      .insertInto('authorizations')
      .values({
        id: 'a1',
        orgId,
        locationId,
        timeZone: 'America/Chicago',
        source: 'paper',
        status: 'signed',
        patientName: 'P',
        contactKind: 'email',
        contactValue: 'p@example.test',
        externalId: null,
        informationDescription: 'x',
        practiceName: 'x',
        discloserPersons: '[]',
        recipientsDescription: '',
        purpose: 'x',
        purposeAtRequest: 0,
        expiryKind: 'date',
        expiryDate: '2027-01-01',
        expiryEvent: null,
        statements: '{}',
        remunerationPayer: null,
        remunerationStatement: '',
        combinedWithOtherDocument: 0,
        treatmentConditioned: 0,
        knownFalseInformation: 0,
        templateId: null,
        formText: '',
        revocationTokenHash: null,
        revokedAt: null,
        revocationSource: null,
        expiresAt: null,
        retainUntil: null,
        createdBy: 'u',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    await db
      .insertInto('authorizationDocuments')
      .values({
        id: 'd1',
        orgId,
        authorizationId: 'a1',
        kind: 'paper_scan',
        mediaType: 'application/pdf',
        byteSize: bytes.length,
        sha256: 'h',
        content: bytes,
        createdBy: null,
        createdAt: now,
      })
      .execute();
    const row = await db
      .selectFrom('authorizationDocuments')
      .select('content')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.content).equals(bytes)).toBe(true);
    await expect(db.deleteFrom('authorizationDocuments').execute()).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('authorizationDocuments').set({ sha256: 'x' }).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
