-- Accounts that log in with e-mail and password, and their single-use refresh tokens.
CREATE TABLE accounts.account (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT[] NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- E-mail addresses are compared without case: Alice@x and alice@x are one account.
CREATE UNIQUE INDEX account_email ON accounts.account (lower(email));

CREATE TABLE accounts.refresh_token (
    -- SHA-256 of the token: a leaked table does not hand out sessions.
    token_hash TEXT PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts.account (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX refresh_token_by_account ON accounts.refresh_token (account_id) WHERE used_at IS NULL;
