import { databaseUnavailableReason } from './unavailable';

function withFields(error: Error, fields: object): Error {
  return Object.assign(error, fields);
}

class DatabaseError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

describe('databaseUnavailableReason', () => {
  it('names a socket that could not connect or was cut, by its code only', () => {
    expect(
      databaseUnavailableReason(
        withFields(new Error('connect ECONNREFUSED 10.1.2.3:5432'), {
          code: 'ECONNREFUSED',
          syscall: 'connect',
          address: '10.1.2.3',
          port: 5432,
        }),
      ),
    ).toBe('ECONNREFUSED');
    expect(
      databaseUnavailableReason(
        withFields(new Error('getaddrinfo ENOTFOUND db.internal'), {
          code: 'ENOTFOUND',
          syscall: 'getaddrinfo',
        }),
      ),
    ).toBe('ENOTFOUND');
  });

  it('recognises a server that ends or refuses the session', () => {
    expect(
      databaseUnavailableReason(
        new DatabaseError(
          'select 1 - terminating connection due to administrator command',
          '57P01',
        ),
      ),
    ).toBe('SQLSTATE 57P01');
    expect(
      databaseUnavailableReason(
        new DatabaseError('the database system is starting up', '57P03'),
      ),
    ).toBe('SQLSTATE 57P03');
    expect(
      databaseUnavailableReason(
        new Error('ROLLBACK - Connection terminated unexpectedly'),
      ),
    ).toBe('connection lost');
    const timeout = new Error('Knex: Timeout acquiring a connection.');
    timeout.name = 'KnexTimeoutError';
    expect(databaseUnavailableReason(timeout)).toBe('KnexTimeoutError');
  });

  it('leaves other errors alone', () => {
    // an HTTP client's error carries the code, without a syscall
    expect(
      databaseUnavailableReason(
        withFields(new Error('request to http://catalog failed'), {
          code: 'ECONNREFUSED',
        }),
      ),
    ).toBeUndefined();
    expect(
      databaseUnavailableReason(
        new DatabaseError('duplicate key value violates', '23505'),
      ),
    ).toBeUndefined();
    expect(databaseUnavailableReason(new Error('boom'))).toBeUndefined();
    expect(databaseUnavailableReason('ECONNREFUSED')).toBeUndefined();
  });
});
