import type { DemoAccount } from '../domain/demo/create-demo-organization.js';

export function printDemoAccounts(accounts: DemoAccount[]): void {
  console.log('\nDemo organization "Riverbend Family Health" created. Sign in as:');
  const width = Math.max(...accounts.map((a) => a.email.length));
  for (const a of accounts)
    console.log(`  ${a.role.padEnd(18)} ${a.email.padEnd(width)}  ${a.password}`);
}
