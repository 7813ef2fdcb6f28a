// Fixed test-only secrets of the e2e server (base64 of 32 bytes); never used outside it.
export const TEST_AUTH_SECRET = "ZTJlLW9ubHktYXV0aC1zZWNyZXQtbm90LWZvci1wcm9k";
export const TEST_ENCRYPTION_KEY = "ZTJlLXRlc3QtZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=";
