/** "auth.login.failed" → "Auth › login failed": readable, still recognisably the action id. */
export function actionLabel(action: string): string {
  const [area, ...rest] = action.split('.');
  if (!rest.length) return action.replace(/[_-]/g, ' ');
  const areaLabel = (area ?? '').replace(/[_-]/g, ' ');
  return `${areaLabel.charAt(0).toUpperCase()}${areaLabel.slice(1)} › ${rest.join(' ').replace(/[_-]/g, ' ')}`;
}
