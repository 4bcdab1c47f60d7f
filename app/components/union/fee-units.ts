// The unit a declared basic fee is quoted in, by service type (per month, per hour, per day): message keys,
// shared by the union directory's fee column and a programme's profile.
export const FEE_UNIT: Record<string, string> = { full_day: "pricing.fees.perMonth", half_day: "pricing.fees.perMonth", hourly: "pricing.fees.perHour", temporary: "pricing.fees.perDay" };
