import type { PayloadRequest } from 'payload'

export const otherAdminsExist = async (
  req: PayloadRequest,
  id: number | string,
): Promise<boolean> => {
  const { totalDocs } = await req.payload.count({
    collection: 'users',
    overrideAccess: true,
    req,
    where: { and: [{ roles: { contains: 'admin' } }, { id: { not_equals: id } }] },
  })
  return totalDocs > 0
}
