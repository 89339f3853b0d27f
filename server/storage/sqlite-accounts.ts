// Users, sessions, workspaces and memberships in SQLite. better-sqlite3 is synchronous;
// these calls are small indexed reads and writes, so they run inline behind async signatures.
import type Database from 'better-sqlite3';
import { checkedId } from './ids.ts';
import type { AccountStore, Role, Session, User, UserWithPassword, Workspace, WorkspaceMembership } from './types.ts';

type UserRow = { id: string; email: string; name: string; password_hash: string };

const toUser = (row: UserRow): UserWithPassword => ({
	id: row.id,
	email: row.email,
	name: row.name,
	passwordHash: row.password_hash
});

export function createSqliteAccounts(db: Database.Database): AccountStore {
	const q = {
		insertUser: db.prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
		userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
		userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
		countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
		insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
		session: db.prepare<[string], { user_id: string; expires_at: number }>(
			'SELECT user_id, expires_at FROM sessions WHERE token_hash = ?'
		),
		deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
		insertWorkspace: db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)'),
		upsertMembership: db.prepare(
			'INSERT INTO memberships (workspace_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role'
		),
		memberships: db.prepare<[string], { id: string; name: string; role: Role }>(
			'SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = ? ORDER BY w.name, w.id'
		),
		role: db.prepare<[string, string], { role: Role }>('SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?')
	};

	return {
		async createUser({ id, email, name, passwordHash }): Promise<User> {
			const user = { id: checkedId(id), email: email.trim().toLowerCase(), name };
			q.insertUser.run(user.id, user.email, user.name, passwordHash, Date.now());
			return user;
		},
		async findUserByEmail(email) {
			const row = q.userByEmail.get(email.trim().toLowerCase());
			return row ? toUser(row) : null;
		},
		async getUser(id) {
			const row = q.userById.get(id);
			return row ? { id: row.id, email: row.email, name: row.name } : null;
		},
		async countUsers() {
			return q.countUsers.get()?.n ?? 0;
		},
		async createSession(tokenHash, session: Session) {
			q.insertSession.run(tokenHash, session.userId, session.expiresAt);
		},
		async findSession(tokenHash) {
			const row = q.session.get(tokenHash);
			if (!row) return null;
			if (row.expires_at <= Date.now()) {
				q.deleteSession.run(tokenHash);
				return null;
			}
			return { userId: row.user_id, expiresAt: row.expires_at };
		},
		async deleteSession(tokenHash) {
			q.deleteSession.run(tokenHash);
		},
		async createWorkspace({ id, name }): Promise<Workspace> {
			const workspace = { id: checkedId(id), name };
			q.insertWorkspace.run(workspace.id, workspace.name, Date.now());
			return workspace;
		},
		async addMembership(workspaceId, userId, role) {
			q.upsertMembership.run(workspaceId, userId, role);
		},
		async listMemberships(userId): Promise<WorkspaceMembership[]> {
			return q.memberships.all(userId).map((row) => ({ id: row.id, name: row.name, role: row.role }));
		},
		async getRole(workspaceId, userId) {
			return q.role.get(workspaceId, userId)?.role ?? null;
		}
	};
}
