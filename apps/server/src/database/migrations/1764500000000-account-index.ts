import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Sticky assignment asks for the newest leads of an account (`WHERE company_key = ? ORDER BY id DESC
 * LIMIT 100`). With an index on the key alone the database reads every lead of the account and sorts
 * them, or walks the whole table newest first; keyed by (account, id) the answer is the first rows of
 * one index range, however large the account. Leads without an account are left out of the index.
 */
export class AccountIndex1764500000000 implements MigrationInterface {
  name = 'AccountIndex1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('leads', 'leads_company_key');
    await q.dropIndex('leads', 'leads_email_domain');
    await q.createIndex(
      'leads',
      new TableIndex({
        name: 'leads_account_company',
        columnNames: ['company_key', 'id'],
        where: 'company_key IS NOT NULL',
      }),
    );
    await q.createIndex(
      'leads',
      new TableIndex({
        name: 'leads_account_domain',
        columnNames: ['email_domain', 'id'],
        where: 'email_domain IS NOT NULL',
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('leads', 'leads_account_company');
    await q.dropIndex('leads', 'leads_account_domain');
    await q.createIndex('leads', new TableIndex({ name: 'leads_company_key', columnNames: ['company_key'] }));
    await q.createIndex(
      'leads',
      new TableIndex({ name: 'leads_email_domain', columnNames: ['email_domain'] }),
    );
  }
}
