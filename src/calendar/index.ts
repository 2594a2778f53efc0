/**
 * Calendar: ISO dates without time zones, Brazilian holidays, business days.
 * @module calendar
 */
export { addBusinessDays, isBusinessDay, nextBusinessDay } from "./businessDays.js";
export { easterSunday } from "./easter.js";
export { holidays, type CalendarOptions, type ExtraHoliday, type Holiday } from "./holidays.js";
export { addDays, addMonths, dayOfWeek, daysBetween, daysInMonth, isISODate, MAX_YEAR, MIN_YEAR, type ISODate } from "./isoDate.js";
