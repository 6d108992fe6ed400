import { ROLES, type Role } from '../../src/access/roles'
import { type Auth, api } from './api'

export const TEAM_PASSWORD = 'a-long-enough-test-password'

export type Team = Record<Role, Auth & { userId: number | string }>

/** One account per role on a running server: the first registers (and becomes admin), the admin creates the rest. */
export async function createTeam(baseUrl: string): Promise<Team> {
  const client = api(baseUrl)
  const first = await client.request('/api/users/first-register', {
    method: 'POST',
    body: { email: 'admin@team.example', password: TEAM_PASSWORD, name: 'Admin' },
  })
  if (first.status !== 200) throw new Error(`first-register failed: ${JSON.stringify(first.body)}`)
  const admin = await client.login('admin@team.example', TEAM_PASSWORD)
  const team: Partial<Team> = { admin }
  for (const role of ROLES.filter((role) => role !== 'admin')) {
    const email = `${role}@team.example`
    const created = await client.request('/api/users', {
      method: 'POST',
      auth: admin,
      body: { email, password: TEAM_PASSWORD, name: role, roles: [role] },
    })
    if (created.status !== 201)
      throw new Error(`creating ${role} failed: ${JSON.stringify(created.body)}`)
    team[role] = await client.login(email, TEAM_PASSWORD)
  }
  return team as Team
}
