import GRDB
import Storage

/// The identity context's tables. Append-only: add a migration, never edit a released one.
public enum IdentityMigrations {
    public static let all: [Migration] = [
        Migration("identity.v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE user_pools (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        arn TEXT NOT NULL,
                        settings TEXT NOT NULL,          -- JSON UserPoolSettings
                        created REAL NOT NULL,
                        last_modified REAL NOT NULL
                    );
                    CREATE TABLE app_clients (
                        client_id TEXT PRIMARY KEY,
                        pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        settings TEXT NOT NULL,          -- JSON AppClientSettings
                        sealed_secret BLOB,              -- AES-GCM under the master key
                        created REAL NOT NULL,
                        last_modified REAL NOT NULL
                    );
                    CREATE INDEX app_clients_pool ON app_clients(pool_id);
                    CREATE TABLE users (
                        pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                        username TEXT NOT NULL,
                        sub TEXT NOT NULL,
                        enabled INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        attributes TEXT NOT NULL,        -- JSON [UserAttribute]
                        password_hash TEXT,              -- bcrypt
                        temp_password_expires REAL,
                        created REAL NOT NULL,
                        last_modified REAL NOT NULL,
                        PRIMARY KEY (pool_id, username)
                    );
                    CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
                    CREATE TABLE groups (
                        pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        description TEXT,
                        precedence INTEGER,
                        role_arn TEXT,
                        created REAL NOT NULL,
                        last_modified REAL NOT NULL,
                        PRIMARY KEY (pool_id, name)
                    );
                    CREATE TABLE group_members (
                        pool_id TEXT NOT NULL,
                        group_name TEXT NOT NULL,
                        username TEXT NOT NULL,
                        PRIMARY KEY (pool_id, group_name, username),
                        FOREIGN KEY (pool_id, group_name) REFERENCES groups(pool_id, name) ON DELETE CASCADE,
                        FOREIGN KEY (pool_id, username) REFERENCES users(pool_id, username) ON DELETE CASCADE
                    );
                    CREATE INDEX group_members_user ON group_members(pool_id, username);
                    -- One row per sign-in session; access and ID tokens carry its id as origin_jti.
                    CREATE TABLE sessions (
                        origin_jti TEXT PRIMARY KEY,
                        pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                        client_id TEXT NOT NULL,
                        username TEXT NOT NULL,
                        refresh_token_hash BLOB UNIQUE,  -- SHA-256 of the opaque refresh token
                        auth_time REAL NOT NULL,
                        expires REAL NOT NULL,
                        revoked INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX sessions_user ON sessions(pool_id, username);
                    CREATE TABLE signing_keys (
                        kid TEXT PRIMARY KEY,
                        pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                        token_use TEXT NOT NULL,         -- 'access' or 'id'
                        sealed_private_key BLOB NOT NULL,
                        created REAL NOT NULL,
                        retired REAL                     -- NULL while current
                    );
                    CREATE INDEX signing_keys_pool ON signing_keys(pool_id);
                    CREATE TABLE access_keys (
                        access_key_id TEXT PRIMARY KEY,
                        sealed_secret BLOB NOT NULL,
                        principal TEXT NOT NULL,
                        status TEXT NOT NULL,
                        created REAL NOT NULL
                    );
                    """
            )
        },
        // Sign-in lockouts survive a restart: an attacker must not get fresh attempts by
        // waiting for (or causing) one.
        Migration("identity.v2.login-failures") { db in
            try db.execute(
                sql: """
                    CREATE TABLE login_failures (
                        pool_id TEXT NOT NULL,
                        username_key TEXT NOT NULL,      -- lower-cased, as usernames compare
                        failures INTEGER NOT NULL,
                        locked_until REAL,
                        updated REAL NOT NULL,
                        PRIMARY KEY (pool_id, username_key)
                    );
                    CREATE INDEX login_failures_updated ON login_failures(updated);
                    """
            )
        },
    ]
}
