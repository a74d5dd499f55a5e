import { Content, Header, Page } from '@backstage/core-components';
import { RoadmapContent } from './RoadmapContent';

/**
 * The ML maturity roadmap page of the legacy frontend system, with its own
 * header (the new system's page layout draws the header itself).
 * @public
 */
export function MlMaturityRoadmapPage() {
  return (
    <Page themeId="tool">
      <Header
        title="ML Maturity"
        subtitle="Where each team stands on the AIML Service Kits"
      />
      <Content>
        <RoadmapContent />
      </Content>
    </Page>
  );
}
