// Users, sessions, workspaces and memberships in PostgreSQL.
import type pg from 'pg';
import { checkedId } from './ids.ts';
import type { AccountStore, Role, User, Workspace } from './types.ts';

type UserRow = { id: string; email: string; name: string; password_hash: string };

export function createPostgresAccounts(pool: pg.Pool): AccountStore {
	return {
		async createUser({ id, email, name, passwordHash }): Promise<User> {
			const user = { id: checkedId(id), email: email.trim().toLowerCase(), name };
			await pool.query('INSERT INTO users (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
				user.id,
				user.email,
				user.name,
				passwordHash,
				Date.now()
			]);
			return user;
		},
		async findUserByEmail(email) {
			const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [email.trim().toLowerCase()]);
			const row = rows[0];
			return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
		},
		async getUser(id) {
			const { rows } = await pool.query<User>('SELECT id, email, name FROM users WHERE id = $1', [id]);
			return rows[0] ?? null;
		},
		async countUsers() {
			const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM users');
			return Number(rows[0]?.n ?? 0);
		},
		async createSession(tokenHash, { userId, expiresAt }) {
			await pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
				tokenHash,
				userId,
				expiresAt
			]);
		},
		async findSession(tokenHash) {
			// BIGINT arrives as a string from pg.
			const { rows } = await pool.query<{ user_id: string; expires_at: string }>(
				'SELECT user_id, expires_at FROM sessions WHERE token_hash = $1',
				[tokenHash]
			);
			const row = rows[0];
			if (!row) return null;
			const expiresAt = Number(row.expires_at);
			if (expiresAt <= Date.now()) {
				await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
				return null;
			}
			return { userId: row.user_id, expiresAt };
		},
		async deleteSession(tokenHash) {
			await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
		},
		async createWorkspace({ id, name }): Promise<Workspace> {
			const workspace = { id: checkedId(id), name };
			await pool.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
				workspace.id,
				workspace.name,
				Date.now()
			]);
			return workspace;
		},
		async addMembership(workspaceId, userId, role) {
			await pool.query(
				`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)
				 ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
				[workspaceId, userId, role]
			);
		},
		async listMemberships(userId) {
			const { rows } = await pool.query<{ id: string; name: string; role: Role }>(
				`SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
				 WHERE m.user_id = $1 ORDER BY w.name, w.id`,
				[userId]
			);
			return rows;
		},
		async getRole(workspaceId, userId) {
			const { rows } = await pool.query<{ role: Role }>(
				'SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2',
				[workspaceId, userId]
			);
			return rows[0]?.role ?? null;
		}
	};
}
