export * from '../../src/lib/import/validate'; // the validator lives in src/lib/import (shared with the browser's /import/ page)
