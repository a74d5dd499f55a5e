import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazy-loaded extensions and app wrappers render slowly on small CI machines.
configure({ asyncUtilTimeout: 5000 });
