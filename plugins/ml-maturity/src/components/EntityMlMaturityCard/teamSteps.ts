import { parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_ATTEST_PREFIX,
  type KitItemDefinition,
  type KitRule,
  type RuleVia,
} from '@aiml-service-kits/plugin-ml-maturity-common';

/** The team the card is about, as the assessment names it. */
export interface StepsTeam {
  /** `group:namespace/name`, lower-case. */
  entityRef: string;
  /** No Group entity was in the catalog at the last refresh. */
  implicit: boolean;
}

/**
 * How to write the team's ref in a field whose default kind is `group`
 * (`spec.owner`, `spec.memberOf`; spec §2): the name alone resolves to it
 * from an entity of the team's namespace, so it is enough in namespace
 * `default`, where most entities are; for any other namespace the full ref
 * is given, since an entity of namespace `default` would read a bare name
 * as `group:default/<name>`.
 */
export interface GroupRefForms {
  /** What to write: `vision`, or `group:ml/vision` (lower-case). */
  short: string;
  /** The full ref, for entities of another namespace, when `short` is the name alone. */
  elsewhere?: string;
  namespace: string;
  name: string;
}

export function groupRefForms(teamRef: string): GroupRefForms {
  const { namespace, name } = parseEntityRef(
    teamRef.toLocaleLowerCase('en-US'),
    {
      defaultKind: 'group',
      defaultNamespace: 'default',
    },
  );
  const full = `group:${namespace}/${name}`;
  return namespace === 'default'
    ? { short: name, elsewhere: full, namespace, name }
    : { short: full, namespace, name };
}

/** Every `via` of a rule and of its `allOf` rules, however deep. */
export function ruleVias(rule: KitRule | undefined): Set<RuleVia> {
  const vias = new Set<RuleVia>();
  const visit = (r: KitRule) => {
    vias.add(r.via);
    r.allOf?.forEach(visit);
  };
  if (rule) visit(rule);
  return vias;
}

/** What the card adds under an item's generic howTo for this team. */
export interface TeamSteps {
  /** `spec.owner: <team>` on the asset (rule via owned or owned-or-used). */
  owner: boolean;
  /** `spec.dependsOn` of an entity the team owns may list the asset (owned-or-used). */
  dependsOn: boolean;
  /** `spec.memberOf: [<team>]` on the User (rule via members). */
  memberOf: boolean;
  /** The attestation-as-code annotation for the team's Group (spec §6), when attestable. */
  attestAnnotation?: string;
}

/** The team-specific steps of an item, from its definition only. */
export function teamSteps(definition: KitItemDefinition): TeamSteps {
  const vias = ruleVias(definition.rule);
  return {
    owner: vias.has('owned') || vias.has('owned-or-used'),
    dependsOn: vias.has('owned-or-used'),
    memberOf: vias.has('members'),
    attestAnnotation: definition.attestable
      ? `${ANNOTATION_ATTEST_PREFIX}${definition.id}`
      : undefined,
  };
}

/**
 * The placeholder of an evidence URL: not a valid URL (`<` and `>` may not
 * be in a host), so one pasted unchanged is a finding, not an attestation.
 */
export const EVIDENCE_URL_PLACEHOLDER = 'https://<evidence-page>';

/** A minimal Group entity for a team that has none (an implicit team). */
export function groupEntityYaml(forms: GroupRefForms): string {
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${forms.name}`,
  ];
  if (forms.elsewhere === undefined) {
    lines.push(`  namespace: ${forms.namespace}`);
  }
  lines.push('spec:', '  type: team', '  children: []');
  return lines.join('\n');
}
