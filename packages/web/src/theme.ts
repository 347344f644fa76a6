import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm clinical teal; shade 7 carries white text at better than 5:1 contrast.
const bedside: MantineColorsTuple = [
  '#effaf8',
  '#d7f0ec',
  '#aee0d8',
  '#7fcdc2',
  '#4fb5a8',
  '#2a9b8e',
  '#148277',
  '#0f766e',
  '#0d5f59',
  '#0b4c48',
];

export const theme = createTheme({
  primaryColor: 'bedside',
  primaryShade: 7,
  colors: { bedside },
  // System fonts only: nothing is fetched from a font CDN.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // Required fields are the norm and optional ones say so; an asterisk inside the label would
    // also change the field's accessible name ("Email *").
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    NativeSelect: { defaultProps: { withAsterisk: false } },
    NumberInput: { defaultProps: { withAsterisk: false } },
    Textarea: { defaultProps: { withAsterisk: false } },
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
  },
});
