import { blockingText } from './BlockingItems';

describe('blockingText', () => {
  it.each([
    [1, 0, 'holds back 1 team.'],
    [4, 0, 'holds back 4 teams.'],
    [
      1,
      1,
      'holds back 1 team; it is the last required item missing from that kit.',
    ],
    [
      2,
      2,
      'holds back 2 teams; for each of them it is the last required item missing from that kit.',
    ],
    [
      3,
      1,
      'holds back 3 teams; for 1 of them it is the last required item missing from that kit.',
    ],
  ])('%i blocked, %i completing: %s', (blocked, completing, text) => {
    expect(blockingText(blocked, completing)).toBe(text);
  });
});
