import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { KitItemDefinition } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { JoinedItem } from './joinItems';
import {
  EVIDENCE_URL_PLACEHOLDER,
  type GroupRefForms,
  type StepsTeam,
  groupEntityYaml,
  groupRefForms,
  teamSteps,
} from './teamSteps';

const useStyles = makeStyles(theme => ({
  // Snippets are copied as they are: monospace, and wrapped anywhere rather
  // than overflowing the card (annotation keys are long).
  code: {
    fontFamily: 'monospace',
    fontSize: '0.95em',
    overflowWrap: 'anywhere',
  },
  // how-tos name annotation keys too (ml-maturity.io/attest.<kit>.<item>),
  // one word wider than the card on a phone: they break rather than overflow
  steps: { wordBreak: 'break-word' },
  teamLine: { marginTop: theme.spacing(0.5) },
  yaml: {
    fontFamily: 'monospace',
    margin: theme.spacing(1, 0),
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    overflowX: 'auto',
  },
}));

const DEPENDS_ON_SNIPPET = 'spec.dependsOn: [<kind>:<namespace>/<name>]';

function Code(props: { children: string }) {
  const classes = useStyles();
  return <code className={classes.code}>{props.children}</code>;
}

function TeamLine(props: { children: ReactNode }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" component="p" className={classes.teamLine}>
      {props.children}
    </Typography>
  );
}

/** The ref written from an entity of another namespace, when the short one is the bare name. */
function Elsewhere(props: {
  forms: GroupRefForms;
  snippet: (ref: string) => string;
}) {
  if (props.forms.elsewhere === undefined) return null;
  return (
    <>
      {' '}
      (from an entity of another namespace:{' '}
      <Code>{props.snippet(props.forms.elsewhere)}</Code>)
    </>
  );
}

const ownerSnippet = (ref: string) => `spec.owner: ${ref}`;
const memberOfSnippet = (ref: string) => `spec.memberOf: [${ref}]`;

/**
 * The item's steps with this team's refs filled in, derived from the rule's
 * `via` and `attestable` only, so kits from config get them too.
 */
function TeamSpecificSteps(props: {
  definition: KitItemDefinition;
  team: StepsTeam;
  forms: GroupRefForms;
}) {
  const { definition, team, forms } = props;
  const steps = teamSteps(definition);
  // Group-side steps need the Group entity, which an implicit team lacks.
  const groupFirst = team.implicit
    ? "Once this team's Group entity exists (see above): "
    : '';
  return (
    <>
      {steps.owner && (
        <TeamLine>
          For this team: <Code>{ownerSnippet(forms.short)}</Code>
          <Elsewhere forms={forms} snippet={ownerSnippet} />.
        </TeamLine>
      )}
      {steps.dependsOn && (
        <TeamLine>
          Or, to use one the team does not own, an entity with that owner lists
          its ref with the kind: <Code>{DEPENDS_ON_SNIPPET}</Code>.
        </TeamLine>
      )}
      {steps.memberOf && (
        <TeamLine>
          {groupFirst}On each such User:{' '}
          <Code>{memberOfSnippet(forms.short)}</Code>
          <Elsewhere forms={forms} snippet={memberOfSnippet} /> (or list the
          user in this Group&apos;s <Code>spec.members</Code>).
        </TeamLine>
      )}
      {steps.attestAnnotation && (
        <TeamLine>
          {groupFirst}To attest as code, in this team&apos;s Group
          catalog-info.yaml under <Code>metadata.annotations</Code>:{' '}
          <Code>{`${steps.attestAnnotation}: ${EVIDENCE_URL_PLACEHOLDER}`}</Code>{' '}
          (the evidence URL in place of the placeholder).
        </TeamLine>
      )}
    </>
  );
}

/** What an implicit team must add before anything that lives on its Group. */
function CreateGroupFirst(props: { forms: GroupRefForms }) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2" component="p">
        This team has no Group entity in the catalog (at the last refresh it was
        only named as an owner): create its catalog-info.yaml first, for example
        as below (if it was just added, it counts from the next refresh).
      </Typography>
      <pre className={classes.yaml}>
        <code>{groupEntityYaml(props.forms)}</code>
      </pre>
    </>
  );
}

/** What to add to the catalog (or attest) for each unmet item, required first. */
export function NextSteps(props: { items: JoinedItem[]; team: StepsTeam }) {
  const { team } = props;
  const classes = useStyles();
  const forms = groupRefForms(team.entityRef);
  const unmet = props.items
    .filter(i => i.result.status === 'unmet')
    .sort((a, b) => Number(b.result.required) - Number(a.result.required));
  const createGroup = team.implicit && <CreateGroupFirst forms={forms} />;
  if (unmet.length === 0) {
    return (
      <>
        {createGroup}
        <Typography variant="body2">
          Every item of this kit is met or attested.
        </Typography>
      </>
    );
  }
  return (
    <>
      {createGroup}
      <ol aria-label="Next steps" className={classes.steps}>
        {unmet.map(item => (
          <li key={item.result.id}>
            <Typography variant="body2">
              <strong>{item.title}</strong>
              {item.result.required ? '' : ' (optional)'}:{' '}
              {item.definition?.howTo ?? 'See the kit definition.'}
            </Typography>
            {item.definition && (
              <TeamSpecificSteps
                definition={item.definition}
                team={team}
                forms={forms}
              />
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
