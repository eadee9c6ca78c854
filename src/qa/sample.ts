/**
 * Pure: whether a resolved case goes to the review queue. Every case with a red line or a rating
 * of 2 or less does; of the rest, `sharePercent` are drawn by a hash of the case id, so the draw is
 * the same however often the case is written.
 */
export const sampleForReview = (
  caseId: string,
  input: { redLines: number; rating: number | null },
  sharePercent: number
): boolean => {
  if (input.redLines > 0 || (input.rating !== null && input.rating <= 2)) return true
  let h = 2166136261
  for (let i = 0; i < caseId.length; i++) h = Math.imul(h ^ caseId.charCodeAt(i), 16777619) >>> 0
  return h % 10_000 < sharePercent * 100
}
