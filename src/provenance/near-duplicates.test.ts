import { describe, expect, it } from 'vitest';
import { nearDuplicates, type ArticleText } from './near-duplicates.js';

const BODY = 'Wessex Vale police and crime commissioner Andrew Pike has said he may consider working with volunteer groups who pose online as children. He told a meeting in Harbridge that any arrangement would need clear rules on how evidence was gathered and shared with officers. Groups would also be expected to stop streaming their confrontations live on social media, he said. The force has previously said it had no plans to work with such groups. Mr Pike said he had met volunteers from two groups operating in the county and had been struck by how committed they were. He added that he would report back to the police and crime panel before the end of the year.';
const article = (id: string, text: string, published: string | null): ArticleText => ({ id, text, published, outlet: null, title: null });

describe('near-duplicate articles', () => {
  it('groups a syndicated copy with a new first sentence and a paragraph cut, first appearance first', async () => {
    const copy = `The commissioner for Wessex Vale is open to talks with online volunteer groups. ${BODY.split('. ').slice(1).join('. ')}`;
    const other = 'Harbridge Borough Council has approved a plan to resurface roads in the town centre over the summer, with work starting in June and finishing before the schools return in September.';
    const groups = await nearDuplicates([article('b', copy, '2024-03-02'), article('a', BODY, '2024-03-01'), article('c', other, '2024-03-01')]);
    expect(groups.map((g) => g.members.map((m) => m.id))).toEqual([['a', 'b']]);
    expect(groups[0]?.members[1]?.containment).toBeGreaterThan(0.7);
  });

  it('leaves different stories on the same subject apart', async () => {
    const other = 'Northmoor Constabulary said it would not work with volunteer groups who pose online as children, and urged residents to report concerns about suspected offenders to the police by calling 101.';
    expect(await nearDuplicates([article('a', BODY, null), article('b', other, null)])).toEqual([]);
  });
});
