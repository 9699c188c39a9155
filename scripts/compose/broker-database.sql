-- The broker's own role and database on the vault's PostgreSQL server, run by docker compose's
-- `broker-db-init` on every `up` (idempotent): the role owns its database only, is no superuser, and may not
-- connect to the vault's database, so it cannot read the vault's tables (SPEC "Broker").
-- psql -v ON_ERROR_STOP=1 -f broker-database.sql, connected as the server's superuser to the vault's database,
-- with BROKER_DB_PASSWORD in the environment; -v broker_role=… -v broker_db=… override the names (tests).
\getenv broker_password BROKER_DB_PASSWORD
\if :{?broker_password}
\else
  \echo 'BROKER_DB_PASSWORD is not set'
  \quit 1
\endif
\if :{?broker_role}
\else
  \set broker_role broker
\endif
\if :{?broker_db}
\else
  \set broker_db broker
\endif

SELECT format('CREATE ROLE %I', :'broker_role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'broker_role') \gexec
-- Every run: the password follows .env, and the role never gains rights it should not have.
ALTER ROLE :"broker_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'broker_password';
SELECT format('CREATE DATABASE %I OWNER %I', :'broker_db', :'broker_role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'broker_db') \gexec
REVOKE ALL ON DATABASE :"broker_db" FROM PUBLIC;
-- The vault's database (the one connected to): only its owner connects.
REVOKE CONNECT, TEMPORARY ON DATABASE :"DBNAME" FROM PUBLIC;
