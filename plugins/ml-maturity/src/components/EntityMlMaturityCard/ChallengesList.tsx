import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { Challenges } from '@aiml-service-kits/plugin-ml-maturity-common';
import { LevelBadge } from '../LevelBadge';

const NAMES: Record<keyof Challenges, string> = {
  professionalSkills: 'Professional skills',
  infrastructure: 'Infrastructure',
  data: 'Data',
};

/** The framework's three ML challenges: diagnostics that never change the level. */
export function ChallengesList(props: { challenges: Challenges }) {
  return (
    <Table size="small" aria-label="ML challenges">
      <TableBody>
        {(Object.keys(NAMES) as Array<keyof Challenges>).map(key => {
          const challenge = props.challenges[key];
          return (
            <TableRow key={key}>
              <TableCell
                component="th"
                scope="row"
                style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}
              >
                {NAMES[key]}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                <LevelBadge
                  level={challenge.level}
                  subject={`${NAMES[key]} level`}
                />
              </TableCell>
              <TableCell>{challenge.reason}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
