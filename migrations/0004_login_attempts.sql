-- Failed sign-ins, counted per account and per address to slow password guessing.
-- Stored in the database so every app server behind the load balancer sees the same count.
create table login_attempts (
    id text primary key,
    username text not null,
    address text not null,
    at bigint not null
);
create index login_attempts_user on login_attempts (username, at);
create index login_attempts_address on login_attempts (address, at);
