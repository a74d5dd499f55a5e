import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the ML maturity plugins. */
  mlMaturity?: {
    /**
     * Changes to the default kits (docs/configuration.md). Each entry
     * modifies the default item with the same id, or adds a new item when
     * the id is unknown (then kit, dimension and title are required).
     */
    kits?: {
      items?: Array<{
        /** Item id, e.g. `starter.people.annotators`: lower-case letters, digits, "." and "-". */
        id: string;
        /** Removes the item from its kit. */
        disabled?: boolean;
        /** Moves the item to another kit, or places a new one. */
        kit?:
          | 'starter'
          | 'accelerator'
          | 'scaler'
          | 'synergizer'
          | 'transformer';
        dimension?: 'people' | 'process' | 'technology';
        title?: string;
        description?: string;
        /** What to add to which catalog-info.yaml to meet the item. */
        howTo?: string;
        /** Optional items do not count toward kit completion. Default true. */
        required?: boolean;
        /** Whether the item can be attested. Default: true for process items. */
        attestable?: boolean;
        /** Replaces the item's rule. */
        rule?: MlMaturityRuleConfig;
      }>;
    };

    /**
     * Extra asset-type aliases, alias → vocabulary word, added to the
     * defaults, e.g. `tf-model: ml-model`.
     */
    assetTypeAliases?: { [alias: string]: string };

    /**
     * How often the backend recomputes the assessments. Each key defaults on
     * its own: every 30 minutes, timeout 10 minutes, initial delay 15 seconds.
     * The task runs on one instance at a time.
     */
    schedule?: {
      /**
       * A HumanDuration object (e.g. `{ minutes: 30 }`), a duration string (ISO
       * `PT30M` or `30 minutes`), a cron expression `{ cron: '0 * * * *' }`, or
       * `{ trigger: 'manual' }` (only `POST /refresh` and attestation changes
       * run it). Default 30 minutes.
       */
      frequency?:
        | HumanDuration
        | string
        | { cron: string }
        | { trigger: 'manual' };
      /** A HumanDuration object or a duration string (`PT10M`, `10 minutes`). Default 10 minutes. */
      timeout?: HumanDuration | string;
      /** A HumanDuration object or a duration string (`PT15S`, `15 seconds`). Default 15 seconds. */
      initialDelay?: HumanDuration | string;
      /** Always global (one instance refreshes at a time); `local` is refused at startup. */
      scope?: 'global';
    };

    attestations?: {
      /** Days a portal attestation stays valid, 1 to 36500. Default 365. */
      validForDays?: number;
    };

    history?: {
      /** Days of level history kept, 1 to 36500. Default 400. */
      retentionDays?: number;
    };
  };
}

/** A checklist rule (docs/kits.md). */
interface MlMaturityRuleConfig {
  /** Where the rule looks: the team's owned entities, owned or used ones, or its member Users. */
  via: 'owned' | 'owned-or-used' | 'members';
  /**
   * A @backstage/filter-predicates filter over the entity plus its `ml.`
   * facts, e.g. `{ $all: [{ 'ml.asset': dataset }, { 'ml.curated': true }] }`.
   */
  filter: { [key: string]: any } | string | number | boolean;
  /** At least this many matching entities. Default 1. */
  min?: number;
  /** Further rules that must all hold too. */
  allOf?: MlMaturityRuleConfig[];
}
